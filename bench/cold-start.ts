/**
 * Cold start: every function of the route table bundled the way the CDK stack bundles it
 * (infra/constructs/functions.ts), then imported in fresh Node 24 processes next to a floor bundle
 * that only imports and constructs the AWS SDK clients the function uses. A function that uses
 * no SDK client is held to a quarter of the DynamoDB floor. The import is timed inside the child
 * (CPU time, and wall time as detail), so process start-up is not part of the figure. The same
 * bundles are also imported with `--enable-source-maps`, for what reading source maps costs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { functions, type FunctionSpec } from '../functions/routes.ts';
import { kib, median, notMeasured, round, type Part, type Row } from './report.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
export const node24 = join(root, 'node_modules', '.bin', 'node');

/**
 * The CDK stack's bundling options, in esbuild's words. A source map is written beside the bundle
 * as on AWS; the functions run without `--enable-source-maps` (infra/constructs/functions.ts says
 * why), so the figures are measured without it and the flag's cost is a row of its own.
 */
const bundling: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // The stack's `--conditions skc-bundle`: the pages' CSS and script inlined, not read from disk.
  conditions: ['skc-bundle'],
  logLevel: 'silent',
};
const nodeOptions: string[] = [];
const sourceMapOptions = ['--enable-source-maps'];

/** The environment a function reads at import; nothing is sent at import, so no endpoint is needed. */
const childEnv = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-north-1',
  SKC_TABLE_NAME: 'skc-pilot-bench',
  SKC_FROM_ADDRESS: 'skc-pilot@example.se',
  SKC_DIGEST_RECIPIENTS: 'working-group@example.se',
  SKC_PUBLIC_URL: 'https://skc.example.se',
};

type Floor = 'none' | 'dynamodb' | 'dynamodb+ses';

/** SDK functions: at most 1.5× the bundle of their SDK clients alone. */
const SDK_LIMIT = 1.5;
/** Functions without an SDK client: at most a quarter of the DynamoDB client's bundle (issue 16). */
const SDK_FREE_LIMIT = 0.25;

const floorSources: Record<Floor, string> = {
  none: 'export const handler = async () => ({});',
  dynamodb: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({ region: process.env.AWS_REGION });
export const handler = async () => db.config.region;`,
  'dynamodb+ses': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
const db = new DynamoDBClient({ region: process.env.AWS_REGION });
const ses = new SESClient({ region: process.env.AWS_REGION });
export const handler = async () => [db.config.region, ses.config.region];`,
};

/** The SDK clients a function constructs. */
function clientsOf(spec: FunctionSpec): Floor {
  if (spec.sendsMail) return 'dynamodb+ses';
  return spec.table === 'none' ? 'none' : 'dynamodb';
}

/** What a function is compared with: its own SDK clients, or the DynamoDB client for SDK-free ones. */
function floorOf(spec: FunctionSpec): { floor: Exclude<Floor, 'none'>; limit: number } {
  const clients = clientsOf(spec);
  return clients === 'none'
    ? { floor: 'dynamodb', limit: SDK_FREE_LIMIT }
    : { floor: clients, limit: SDK_LIMIT };
}

// CPU time is the figure, wall time the detail: on a loaded machine the wall clock also counts
// time spent waiting for a core, which an idle Lambda does not (an import is one thread's work).
const importTimer = `const cpu = process.cpuUsage();
const started = performance.now();
await import(process.argv[2]);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000 }));
`;

type Bundle = { file: string; bytes: number; mapBytes: number };

async function bundle(options: BuildOptions, directory: string): Promise<Bundle> {
  await mkdir(directory, { recursive: true });
  const file = join(directory, 'index.mjs');
  await build({ ...bundling, ...options, outfile: file });
  return { file, bytes: (await stat(file)).size, mapBytes: (await stat(`${file}.map`)).size };
}

type Sample = { ms: number; cpuMs: number };

async function importTime(timer: string, file: string, options = nodeOptions): Promise<Sample> {
  const { stdout } = await run(node24, [...options, timer, pathToFileURL(file).href], {
    cwd: resolve(file, '..'),
    env: childEnv,
  });
  return JSON.parse(stdout) as Sample;
}

export async function coldStart(options: { directory: string; runs: number }): Promise<Part> {
  const timer = join(options.directory, 'import-timer.mjs');
  await mkdir(options.directory, { recursive: true });
  await writeFile(timer, importTimer);

  const rows: Row[] = [];
  const target = (limit: number) => `≤ ${limit}× floor`;
  const floors = new Map<Floor, Bundle>();
  for (const [floor, contents] of Object.entries(floorSources) as [Floor, string][])
    floors.set(
      floor,
      await bundle(
        { stdin: { contents, resolveDir: root, loader: 'js' } },
        join(options.directory, `floor-${floor}`),
      ),
    );

  const measured: { name: string; spec: FunctionSpec; bundle: Bundle }[] = [];
  for (const [name, spec] of Object.entries(functions) as [string, FunctionSpec][]) {
    const entry = join(root, spec.entry);
    if (!existsSync(entry)) {
      rows.push(notMeasured('cold-start', name, target(floorOf(spec).limit), `${spec.entry} missing`));
      continue;
    }
    try {
      measured.push({
        name,
        spec,
        bundle: await bundle({ entryPoints: [entry] }, join(options.directory, name)),
      });
    } catch (error) {
      const message = (error as Error).message.split('\n').slice(0, 2).join(' ');
      rows.push(
        notMeasured(
          'cold-start',
          name,
          target(floorOf(spec).limit),
          `${spec.entry} does not bundle: ${message}`,
        ),
      );
    }
  }

  // Interleaved rounds, so a burst of load elsewhere on the machine hits functions and floors alike.
  const samples = new Map<string, Sample[]>();
  // Each bundle is also imported with --enable-source-maps: what the flag would cost at start.
  const subjects = [
    ...measured.map(({ name, bundle: built }) => ({ key: name, file: built.file })),
    ...[...floors].map(([floor, built]) => ({ key: `floor:${floor}`, file: built.file })),
  ].flatMap((subject) => [
    { ...subject, options: nodeOptions },
    { key: `${subject.key}:source-maps`, file: subject.file, options: sourceMapOptions },
  ]);
  for (let round = 0; round < options.runs; round++)
    for (const subject of subjects) {
      const sample = await importTime(timer, subject.file, subject.options);
      samples.set(subject.key, [...(samples.get(subject.key) ?? []), sample]);
    }

  const wall = (key: string) => median((samples.get(key) ?? []).map((sample) => sample.ms));
  const cpu = (key: string) => median((samples.get(key) ?? []).map((sample) => sample.cpuMs));
  for (const { name, spec, bundle: built } of measured) {
    const { floor, limit } = floorOf(spec);
    const value = cpu(name);
    const floorMs = cpu(`floor:${floor}`);
    const ratio = value / floorMs;
    const wallRatio = wall(name) / wall(`floor:${floor}`);
    rows.push({
      part: 'cold-start',
      name,
      value: round(value, 1),
      floor: round(floorMs, 1),
      unit: 'ms import CPU (median)',
      ratio: round(ratio, 2),
      target: target(limit),
      met: ratio <= limit,
      detail:
        `wall ${round(wall(name), 1)} vs ${round(wall(`floor:${floor}`), 1)} ms (${round(wallRatio, 2)}×); ` +
        `bundle ${kib(built.bytes)} vs floor (${floor}) ${kib(floors.get(floor)!.bytes)}`,
    });
  }
  rows.sort((a, b) => Object.keys(functions).indexOf(a.name) - Object.keys(functions).indexOf(b.name));

  // The floors themselves, so each function's figure can be read against them.
  for (const [floor, built] of floors)
    rows.push({
      part: 'cold-start',
      name: `floor: ${floor === 'none' ? 'an empty module' : `${floor} client${floor === 'dynamodb' ? '' : 's'} only`}`,
      value: round(cpu(`floor:${floor}`), 1),
      floor: null,
      unit: 'ms import CPU (median)',
      ratio: null,
      target: 'report',
      met: null,
      detail: `wall ${round(wall(`floor:${floor}`), 1)} ms; bundle ${kib(built.bytes)}`,
    });

  // What --enable-source-maps costs at import, summed over the functions (each bundle imported
  // with and without the flag in the same rounds).
  const withMaps = measured.reduce((sum, { name }) => sum + cpu(`${name}:source-maps`), 0);
  const withoutMaps = measured.reduce((sum, { name }) => sum + cpu(name), 0);
  const perFunction = measured
    .map(({ name }) => `${name} ${round(cpu(name), 1)} → ${round(cpu(`${name}:source-maps`), 1)}`)
    .join(', ');
  rows.push({
    part: 'cold-start',
    name: '--enable-source-maps, all functions',
    value: round(withMaps, 1),
    floor: round(withoutMaps, 1),
    unit: 'ms import CPU (sum of medians)',
    ratio: round(withMaps / withoutMaps, 2),
    target: 'report',
    met: null,
    detail: `without → with the flag, ms: ${perFunction}`,
  });

  return {
    rows,
    data: {
      runs: options.runs,
      nodeOptions,
      functions: Object.fromEntries(
        measured.map(({ name, spec, bundle: built }) => [
          name,
          {
            entry: spec.entry,
            floor: floorOf(spec).floor,
            bytes: built.bytes,
            sourceMapBytes: built.mapBytes,
            importMs: (samples.get(name) ?? []).map((sample) => round(sample.ms, 2)),
            importCpuMs: (samples.get(name) ?? []).map((sample) => round(sample.cpuMs, 2)),
            importCpuMsWithSourceMaps: (samples.get(`${name}:source-maps`) ?? []).map((sample) =>
              round(sample.cpuMs, 2),
            ),
          },
        ]),
      ),
      floors: Object.fromEntries(
        [...floors].map(([floor, built]) => [
          floor,
          {
            bytes: built.bytes,
            sourceMapBytes: built.mapBytes,
            importMs: (samples.get(`floor:${floor}`) ?? []).map((sample) => round(sample.ms, 2)),
            importCpuMs: (samples.get(`floor:${floor}`) ?? []).map((sample) => round(sample.cpuMs, 2)),
          },
        ]),
      ),
    },
  };
}
