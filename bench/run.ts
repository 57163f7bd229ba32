/**
 * `npm run bench`: every benchmark of issue 9, each figure next to its floor from the same run,
 * printed as a table and written to bench/results.json.
 *
 * Options: --only validation,cold-start,submit,digest,export   --runs N (cold-start imports)
 *          --submit-count 1200   --connections 16   --digest-sizes 1000,100000
 *          --export-sizes 10000,100000
 * A run of some parts (--only) replaces just those parts in bench/results.json.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startDynamo, type Dynamo } from '../local/services.ts';
import { coldStart } from './cold-start.ts';
import { dataset, pilotWeeks, type Use } from './datasets.ts';
import { digest, digestMissing } from './digest.ts';
import { exportMissing, exportOnce, exportOrder, exportPart, type Measured } from './export.ts';
import { notMeasured, round, table, type Part, type Row } from './report.ts';
import { submit } from './submit.ts';
import { validation } from './validation.ts';

const partNames = ['validation', 'cold-start', 'submit', 'digest', 'export'] as const;
type PartName = (typeof partNames)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: partNames.join(',') },
    runs: { type: 'string', default: '10' },
    'submit-count': { type: 'string', default: '1200' },
    connections: { type: 'string', default: '16' },
    'digest-sizes': { type: 'string', default: '1000,100000' },
    'export-sizes': { type: 'string', default: '10000,100000' },
  },
});
const only = new Set(values.only.split(','));
for (const name of only)
  if (!(partNames as readonly string[]).includes(name)) throw new Error(`--only: unknown part "${name}"`);
const sizes = (text: string) => {
  const [small, large] = text.split(',').map(Number);
  if (!small || !large || small >= large) throw new Error(`sizes must be "small,large", not "${text}"`);
  return { small, large };
};
const digestSizes = sizes(values['digest-sizes']);
const exportSizes = sizes(values['export-sizes']);

const started = performance.now();
const loadAtStart = loadavg();
const scratch = await mkdtemp(join(tmpdir(), 'skc-bench-'));
const parts: Partial<Record<PartName, Part>> = {};
const seeding: Record<string, number> = {};

/** Runs one part; a failure becomes a "not measured" row and the other parts still run. */
async function measure(name: PartName, target: string, work: () => Promise<Part> | Part): Promise<void> {
  if (!only.has(name)) return;
  const partStarted = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    parts[name] = await work();
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    parts[name] = { rows: [notMeasured(name, name, target, `failed: ${message}`)], data: {} };
  }
  process.stderr.write(`bench: ${name} took ${round((performance.now() - partStarted) / 1000, 1)} s\n`);
  // Each part's rows as soon as they are known, so an interrupted run still shows what it measured.
  process.stderr.write(`${table(parts[name]!.rows)}\n`);
}

/** The endpoint and the JVM's pid (for the CPU DynamoDB Local spends on an export). */
function serverOf(dynamo: Dynamo): { endpoint: string; pid: number } {
  if (dynamo.process.pid === undefined) throw new Error('DynamoDB Local has no pid');
  return { endpoint: dynamo.endpoint, pid: dynamo.process.pid };
}

/** DynamoDB Local in memory for the length of `work`. */
async function withDynamo<T>(work: (dynamo: Dynamo) => Promise<T>): Promise<T> {
  const dynamo = await startDynamo({ port: await freePort() });
  // An interrupted run should not leave DynamoDB Local running.
  const interrupted = () => {
    dynamo.process.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await work(dynamo);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await dynamo.stop();
  }
}

try {
  await measure('validation', '< 1 ms p99', () => validation({ runs: 20_000 }));
  await measure('cold-start', '≤ 1.5× floor', () =>
    coldStart({ directory: join(scratch, 'cold-start'), runs: Math.max(10, Number(values.runs)) }),
  );
  await measure('submit', '≥ 0.8× floor', () =>
    withDynamo((dynamo) =>
      submit({
        endpoint: dynamo.endpoint,
        count: Number(values['submit-count']),
        connections: Number(values.connections),
      }),
    ),
  );

  // Digest and export read datasets seeded for this run (see bench/datasets.ts). DynamoDB Local
  // writes several times slower once it holds other tables, so each export dataset gets its own.
  const missing = { digest: digestMissing(), export: exportMissing() };
  const weeks = pilotWeeks();
  const seed = async (endpoint: string, use: Use, count: number) => {
    const seeded = await dataset(endpoint, use, count, weeks);
    seeding[`${use}-${count}`] = round(seeded.seededSeconds, 1);
    process.stderr.write(
      `bench: ${use} dataset of ${count} responses seeded in ${round(seeded.seededSeconds, 1)} s\n`,
    );
    return seeded;
  };
  for (const use of ['digest', 'export'] as const)
    if (only.has(use) && missing[use])
      parts[use] = { rows: [notMeasured(use, use, '≤ 1.5× smaller', `${missing[use]} missing`)], data: {} };

  if (!missing.digest)
    await measure('digest', '≤ 1.5× smaller', () =>
      withDynamo(async (dynamo) =>
        digest({
          small: await seed(dynamo.endpoint, 'digest', digestSizes.small),
          large: await seed(dynamo.endpoint, 'digest', digestSizes.large),
          week: weeks.at(-1)!,
          runs: 20,
        }),
      ),
    );
  if (!missing.export)
    await measure('export', '≤ 1.2× smaller', () =>
      // Each dataset in its own DynamoDB Local, seeded while that instance is empty: with 100,000
      // responses in it, DynamoDB Local took over 20 minutes to take another 10,000 (2026-12-02).
      // Both stay up while the exports alternate, so load elsewhere falls on both sizes alike.
      withDynamo(async (smallDynamo) => {
        const small = await seed(smallDynamo.endpoint, 'export', exportSizes.small);
        return withDynamo(async (largeDynamo) => {
          const large = await seed(largeDynamo.endpoint, 'export', exportSizes.large);
          const runs = { small: [] as Measured[], large: [] as Measured[] };
          for (const size of exportOrder)
            runs[size].push(
              size === 'small'
                ? await exportOnce(serverOf(smallDynamo), small, scratch)
                : await exportOnce(serverOf(largeDynamo), large, scratch),
            );
          return exportPart(runs.small, runs.large);
        });
      }),
    );
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const rows: Row[] = partNames.flatMap((name) => parts[name]?.rows ?? []);
const seconds = round((performance.now() - started) / 1000, 1);
const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? 'unknown',
  memoryGiB: round(totalmem() / 1024 ** 3, 1),
  node: process.version,
  loadAverage: {
    atStart: loadAtStart.map((load) => round(load, 2)),
    atEnd: loadavg().map((load) => round(load, 2)),
  },
};
console.log(table(rows));
console.log(
  `\n${seconds} s on ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
    `load average ${machine.loadAverage.atStart[0]} at start, ${machine.loadAverage.atEnd[0]} at end.`,
);
const missed = rows.filter((row) => row.met === false);
if (missed.length > 0)
  console.log(`Targets missed: ${missed.map((row) => `${row.part} ${row.name}`).join('; ')}.`);

// A run of some parts replaces those parts in bench/results.json and keeps the others.
const resultsFile = resolve(import.meta.dirname, 'results.json');
type Results = {
  measuredAt: string;
  machine: typeof machine;
  rows: Row[];
  parts: Record<string, { measuredAt: string; loadAverage: typeof machine.loadAverage; data: unknown }>;
  seedingSeconds: Record<string, number>;
};
const previous: Partial<Results> = existsSync(resultsFile)
  ? (JSON.parse(await readFile(resultsFile, 'utf8')) as Partial<Results>)
  : {};
const measuredAt = new Date().toISOString();
const merged: Results = {
  measuredAt,
  machine,
  rows: partNames.flatMap((name) =>
    parts[name] ? parts[name].rows : (previous.rows ?? []).filter((row) => row.part === name),
  ),
  parts: {
    ...(previous.parts ?? {}),
    ...Object.fromEntries(
      Object.entries(parts).map(([name, part]) => [
        name,
        { measuredAt, loadAverage: machine.loadAverage, data: part.data },
      ]),
    ),
  },
  seedingSeconds: { ...(previous.seedingSeconds ?? {}), ...seeding },
};
await writeFile(resultsFile, `${JSON.stringify(merged, null, 2)}\n`);
console.log(`Wrote bench/results.json (${Object.keys(parts).join(', ')}).`);
