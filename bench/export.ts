/**
 * Export: `skc export` of every stored centre application to a CSV file, in a fresh child process
 * per run, with 10,000 and with 100,000 stored responses (each in its own DynamoDB Local, see
 * bench/run.ts). Memory should be flat (the export holds one page at a time); rows per second are
 * reported for both.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { node24 } from './cold-start.ts';
import type { Dataset } from './datasets.ts';
import { mib, round, type Part } from './report.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const needed = ['shared/core/export.ts', 'shared/adapters/store/export.ts', 'bin/commands/export.ts'];
const target = '≤ 1.5× smaller';

export type Measured = {
  code: number;
  message: string;
  rows: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  peakHeapUsed: number;
  heapAfterGc: number;
  bytes: number;
};

export function exportMissing(): string | undefined {
  return needed.find((file) => !existsSync(resolve(root, file)));
}

/** One `skc export` of the dataset, in a fresh child process. */
export async function exportOnce(endpoint: string, dataset: Dataset, directory: string): Promise<Measured> {
  const out = join(directory, `${dataset.db.tableName}.csv`);
  const { stdout } = await run(
    node24,
    [join(root, 'bench', 'export-child.ts'), endpoint, dataset.db.tableName, out],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      maxBuffer: 1024 * 1024,
    },
  );
  const measured = JSON.parse(stdout) as Omit<Measured, 'bytes'>;
  if (measured.code !== 0 || measured.rows !== dataset.responses)
    throw new Error(`skc export of ${dataset.db.tableName} failed: ${measured.message}`);
  const bytes = (await stat(out)).size;
  await rm(out, { force: true });
  return { ...measured, bytes };
}

export function exportPart(small: Measured, large: Measured): Part {
  const sizes = `${large.rows.toLocaleString('en')} vs ${small.rows.toLocaleString('en')} rows`;
  const rssRatio = large.peakRss / small.peakRss;
  const heapRatio = large.peakHeapUsed / small.peakHeapUsed;
  const rate = (measured: Measured) => measured.rows / measured.seconds;
  return {
    rows: [
      {
        part: 'export',
        name: `peak RSS, ${sizes}`,
        value: round(large.peakRss / 1024 / 1024, 1),
        floor: round(small.peakRss / 1024 / 1024, 1),
        unit: 'MiB',
        ratio: round(rssRatio, 2),
        target,
        met: rssRatio <= 1.5,
        detail: `process at start ${mib(small.baselineRss)}`,
      },
      {
        part: 'export',
        name: `peak heap used, ${sizes}`,
        value: round(large.peakHeapUsed / 1024 / 1024, 1),
        floor: round(small.peakHeapUsed / 1024 / 1024, 1),
        unit: 'MiB',
        ratio: round(heapRatio, 2),
        target,
        met: heapRatio <= 1.5,
        detail: `sampled every 5 ms; after a full GC at the end ${mib(large.heapAfterGc)} vs ${mib(small.heapAfterGc)}`,
      },
      {
        part: 'export',
        name: `rows per second, ${sizes}`,
        value: round(rate(large), 0),
        floor: round(rate(small), 0),
        unit: 'rows/s',
        ratio: round(rate(large) / rate(small), 2),
        target: 'report',
        met: null,
        detail: `${round(large.seconds, 1)} s for ${mib(large.bytes)} CSV; ${round(small.seconds, 1)} s for ${mib(small.bytes)}`,
      },
    ],
    data: { small, large },
  };
}
