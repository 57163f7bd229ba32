#!/usr/bin/env -S node --max-semi-space-size=16
// V8 doubles its young generation (16 → 32 MiB a semi-space) once enough has survived, which a
// long export reaches after some thousand rows: that, not anything the export keeps, made its peak
// heap grow with the row count (bench/README.md). Capped here, memory is flat from the first page.
import { main } from './cli.ts';

process.exitCode = await main(process.argv.slice(2));
