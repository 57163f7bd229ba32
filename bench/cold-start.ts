/**
 * Cold start: every function of the route table bundled the way the CDK stack bundles it
 * (infra/constructs/functions.ts), then imported in fresh Node 24 processes next to a floor bundle
 * that only imports and constructs the AWS SDK clients the function uses. The import is timed
 * inside the child with performance.now(), so process start-up is not part of the figure.
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
 * The CDK stack's bundling options, in esbuild's words. A source map is written as on AWS, where
 * NODE_OPTIONS=--enable-source-maps reads it at start-up, so the child runs with that flag too.
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
  logLevel: 'silent',
};
const nodeOptions = ['--enable-source-maps'];

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

function floorOf(spec: FunctionSpec): Floor {
  if (spec.sendsMail) return 'dynamodb+ses';
  return spec.table === 'none' ? 'none' : 'dynamodb';
}

// CPU time next to wall time: on a loaded machine the wall clock also counts time spent waiting
// for a core, which an idle Lambda does not.
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

async function importTime(timer: string, file: string): Promise<Sample> {
  const { stdout } = await run(node24, [...nodeOptions, timer, pathToFileURL(file).href], {
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
  const target = '≤ 1.5× floor';
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
      rows.push(notMeasured('cold-start', name, target, `${spec.entry} missing`));
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
      rows.push(notMeasured('cold-start', name, target, `${spec.entry} does not bundle: ${message}`));
    }
  }

  // Interleaved rounds, so a burst of load elsewhere on the machine hits functions and floors alike.
  const samples = new Map<string, Sample[]>();
  const subjects = [
    ...measured.map(({ name, bundle: built }) => ({ key: name, file: built.file })),
    ...[...floors].map(([floor, built]) => ({ key: `floor:${floor}`, file: built.file })),
  ];
  for (let round = 0; round < options.runs; round++)
    for (const subject of subjects) {
      const sample = await importTime(timer, subject.file);
      samples.set(subject.key, [...(samples.get(subject.key) ?? []), sample]);
    }

  const wall = (key: string) => median((samples.get(key) ?? []).map((sample) => sample.ms));
  const cpu = (key: string) => median((samples.get(key) ?? []).map((sample) => sample.cpuMs));
  for (const { name, spec, bundle: built } of measured) {
    const floor = floorOf(spec);
    const value = wall(name);
    const floorMs = wall(`floor:${floor}`);
    const ratio = value / floorMs;
    const cpuRatio = cpu(name) / cpu(`floor:${floor}`);
    rows.push({
      part: 'cold-start',
      name,
      value: round(value, 1),
      floor: round(floorMs, 1),
      unit: 'ms import (median)',
      ratio: round(ratio, 2),
      target,
      met: ratio <= 1.5,
      detail:
        `CPU ${round(cpu(name), 1)} vs ${round(cpu(`floor:${floor}`), 1)} ms (${round(cpuRatio, 2)}×); ` +
        `bundle ${kib(built.bytes)} vs floor (${floor}) ${kib(floors.get(floor)!.bytes)}`,
    });
  }
  rows.sort((a, b) => Object.keys(functions).indexOf(a.name) - Object.keys(functions).indexOf(b.name));

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
            floor: floorOf(spec),
            bytes: built.bytes,
            sourceMapBytes: built.mapBytes,
            importMs: (samples.get(name) ?? []).map((sample) => round(sample.ms, 2)),
            importCpuMs: (samples.get(name) ?? []).map((sample) => round(sample.cpuMs, 2)),
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
