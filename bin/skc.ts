#!/usr/bin/env node
import { logToStderrOnly } from '../shared/adapters/log.ts';
import { main } from './cli.ts';

// stdout carries exports and --json: log lines must never land there.
logToStderrOnly();
process.exitCode = await main(process.argv.slice(2));
