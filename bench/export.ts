/**
 * Export: `skc export` of every stored centre application to a CSV file, in a fresh child process
 * per run, with 10,000 and with 100,000 stored responses (each in its own DynamoDB Local, see
 * bench/run.ts). Memory should be flat (the export holds one page at a time): peak heap at most
 * 1.2× and rows per second at least 0.9× those of the smaller export (issue 16).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { node24 } from './cold-start.ts';
import type { Dataset } from './datasets.ts';
import { median, mib, round, type Part, type Row } from './report.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const needed = ['shared/core/export.ts', 'shared/adapters/store/export.ts', 'bin/commands/export.ts'];

/** The V8 flags `skc` runs with (its shebang line), so the child runs the export as `npx skc` does. */
const cliFlags =
  readFileSync(join(root, 'bin', 'skc.ts'), 'utf8')
    .split('\n')[0]!
    .match(/--\S+/g) ?? [];

export type Measured = {
  code: number;
  message: string;
  rows: number;
  seconds: number;
  /** CPU time of the export process: the project's code, apart from DynamoDB Local's. */
  cpuSeconds: number;
  /** CPU time DynamoDB Local (the JVM) spent during the export: the stand-in's share. */
  serverCpuSeconds: number;
  baselineRss: number;
  peakRss: number;
  peakHeapUsed: number;
  heapAfterGc: number;
  bytes: number;
};

export function exportMissing(): string | undefined {
  return needed.find((file) => !existsSync(resolve(root, file)));
}

/** CPU seconds a process has used so far (Linux `/proc/<pid>/stat`: utime + stime, in clock ticks). */
async function cpuSecondsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // After "pid (comm) ", utime and stime are the 12th and 13th fields; Linux counts 100 ticks a second.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One `skc export` of the dataset, in a fresh child process, against DynamoDB Local `server`. */
export async function exportOnce(
  server: { endpoint: string; pid: number },
  dataset: Dataset,
  directory: string,
): Promise<Measured> {
  const { endpoint } = server;
  const serverBefore = await cpuSecondsOf(server.pid);
  const out = join(directory, `${dataset.db.tableName}.csv`);
  const { stdout } = await run(
    node24,
    ['--expose-gc', ...cliFlags, join(root, 'bench', 'export-child.ts'), endpoint, dataset.db.tableName, out],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      maxBuffer: 1024 * 1024,
    },
  );
  const serverCpuSeconds = (await cpuSecondsOf(server.pid)) - serverBefore;
  const measured = {
    ...(JSON.parse(stdout) as Omit<Measured, 'bytes' | 'serverCpuSeconds'>),
    serverCpuSeconds,
  };
  if (measured.code !== 0 || measured.rows !== dataset.responses)
    throw new Error(`skc export of ${dataset.db.tableName} failed: ${measured.message}`);
  const bytes = (await stat(out)).size;
  await rm(out, { force: true });
  return { ...measured, bytes };
}

/** The order of the exports: alternated, so load elsewhere on the machine falls on both sizes. */
export const exportOrder = ['small', 'large', 'small', 'large', 'small'] as const;

/**
 * The figures of several exports of each size: memory is the highest peak of each size, the rate
 * the median of each size's runs.
 */
export function exportPart(smallRuns: Measured[], largeRuns: Measured[]): Part {
  const highest = (runs: Measured[], key: 'peakRss' | 'peakHeapUsed' | 'heapAfterGc') =>
    Math.max(...runs.map((run) => run[key]));
  const rate = (runs: Measured[]) => median(runs.map((run) => run.rows / run.seconds));
  // Rows per CPU second of the export process (the project's code), and DynamoDB Local's CPU per
  // 1,000 rows: a falling wall-clock rate with flat CPU per row is the stand-in, not the export.
  const cpuRate = (runs: Measured[]) => median(runs.map((run) => run.rows / run.cpuSeconds));
  const serverPerThousand = (runs: Measured[]) =>
    round(median(runs.map((run) => (run.serverCpuSeconds / run.rows) * 1000)), 2);
  const seconds = (runs: Measured[]) => runs.map((run) => round(run.seconds, 1)).join(', ');
  const small = smallRuns[0]!;
  const large = largeRuns[0]!;
  const sizes = `${large.rows.toLocaleString('en')} vs ${small.rows.toLocaleString('en')} rows`;

  /** A figure of the larger export next to the smaller's; `at most` for memory, `at least` for rates. */
  const row = (
    name: string,
    figure: (runs: Measured[]) => number,
    unit: string,
    limit: { atMost: number } | { atLeast: number },
    detail: string,
  ): Row => {
    const ratio = figure(largeRuns) / figure(smallRuns);
    const digits = unit === 'MiB' ? 1 : 0;
    return {
      part: 'export',
      name: `${name}, ${sizes}`,
      value: round(figure(largeRuns), digits),
      floor: round(figure(smallRuns), digits),
      unit,
      ratio: round(ratio, 2),
      target: 'atMost' in limit ? `≤ ${limit.atMost}× smaller` : `≥ ${limit.atLeast}× smaller`,
      met: 'atMost' in limit ? ratio <= limit.atMost : ratio >= limit.atLeast,
      detail,
    };
  };
  const inMiB = (key: 'peakRss' | 'peakHeapUsed') => (runs: Measured[]) => highest(runs, key) / 1024 / 1024;

  return {
    rows: [
      row('peak RSS', inMiB('peakRss'), 'MiB', { atMost: 1.5 }, `process at start ${mib(small.baselineRss)}`),
      row(
        'peak heap used',
        inMiB('peakHeapUsed'),
        'MiB',
        { atMost: 1.2 },
        `sampled every 5 ms; after a full GC at the end ${mib(highest(largeRuns, 'heapAfterGc'))} vs ${mib(highest(smallRuns, 'heapAfterGc'))}`,
      ),
      row(
        'rows per second',
        rate,
        'rows/s',
        { atLeast: 0.9 },
        `median of ${largeRuns.length} and ${smallRuns.length} alternated runs: ${seconds(largeRuns)} s for ${mib(large.bytes)} CSV; ${seconds(smallRuns)} s for ${mib(small.bytes)}; DynamoDB Local CPU ${serverPerThousand(largeRuns)} vs ${serverPerThousand(smallRuns)} s per 1,000 rows`,
      ),
      row(
        'rows per CPU second of the export process',
        cpuRate,
        'rows/CPU s',
        { atLeast: 0.9 },
        `the export's own work per row, without the time it waits for DynamoDB Local`,
      ),
    ],
    data: { small: smallRuns, large: largeRuns },
  };
}
