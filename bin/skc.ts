#!/usr/bin/env -S node --max-semi-space-size=16
// V8 doubles its young generation (16 → 32 MiB a semi-space) once enough has survived, which a
// long export reaches after some thousand rows: that, not anything the export keeps, made its peak
// heap grow with the row count (bench/README.md). Capped here, memory is flat from the first page.
import { logToStderrOnly } from '../shared/adapters/log.ts';
import { main } from './cli.ts';

// stdout carries exports and --json: log lines must never land there.
logToStderrOnly();
process.exitCode = await main(process.argv.slice(2));
