/**
 * The README as a newcomer follows it: `npm start` once, on free ports, then every command of
 * the README's `sh` blocks exactly as written (only the ports rewritten), each with a time limit.
 * Left out, each for a stated reason: `npm ci`, the test suites and the benchmarks (this test is
 * part of one), `npx cdk synth` (test/infra synthesises the same app, bundles and cdk-nag checks
 * included; here it would add minutes) and the commands that need an AWS account.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../local/services.ts';

const root = resolve(import.meta.dirname, '../..');
const COMMAND_MS = 60_000;
const START_MS = 120_000;

/** Commands of the README's `sh` blocks, continuation lines joined, comments dropped, `&&` split. */
function readmeCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, '').split('\n'))
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/\s*&&\s*/));
}

/** Why a command is not run here, or undefined when it is. */
function skipped(command: string): string | undefined {
  if (command === 'npm ci') return 'installs the dependencies this test already runs on';
  if (/^npm (test|run test:e2e)$/.test(command)) return 'a test suite';
  if (command === 'npm run bench') return 'the benchmarks';
  if (command === 'npx cdk synth') return 'test/infra synthesises the same app';
  if (/^npx cdk (bootstrap|deploy|destroy|import)\b/.test(command)) return 'needs an AWS account';
  return undefined;
}

const commands = readmeCommands(readFileSync(resolve(root, 'README.md'), 'utf8'));
const ports = { app: 0, dynamo: 0, ses: 0 };
let stack: ChildProcess | undefined;
let startOutput = '';
let dataDir = '';
let untrackedBefore = new Set<string>();

/** The environment of a newcomer's shell: none of the settings the test harness sets, only the ports. */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('SKC_') && name !== 'PORT' && !name.startsWith('VITEST')) env[name] = value;
  return {
    ...env,
    PORT: String(ports.app),
    SKC_DYNAMODB_PORT: String(ports.dynamo),
    SKC_SES_PORT: String(ports.ses),
    SKC_DATA_DIR: dataDir,
  };
}

/** The README's ports, as a newcomer on these ports would type them. */
const onOurPorts = (command: string) =>
  command
    .replaceAll('localhost:3000', `localhost:${ports.app}`)
    .replaceAll('localhost:8005', `localhost:${ports.ses}`)
    .replaceAll('localhost:8000', `localhost:${ports.dynamo}`);

type Run = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs a command without blocking the test's event loop; killed after COMMAND_MS. */
async function run(file: string, args: string[], env: NodeJS.ProcessEnv = shellEnv()): Promise<Run> {
  const child = spawn(file, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_MS);
  const [status, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { status, signal, stdout, stderr };
}

const untracked = () =>
  spawnSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);

beforeAll(async () => {
  ports.app = await freePort();
  ports.dynamo = await freePort();
  ports.ses = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'skc-readme-'));
  untrackedBefore = new Set(untracked());
  // Its own process group, so that stopping it stops npm, the app and DynamoDB Local together.
  stack = spawn('npm', ['start'], { cwd: root, env: shellEnv(), detached: true, stdio: 'pipe' });
  const child = stack;
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start was not ready within ${START_MS} ms:\n${startOutput}`)),
      START_MS,
    );
    const collect = (chunk: Buffer) => {
      startOutput += chunk.toString();
      if (startOutput.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${startOutput}`));
    });
  });
}, START_MS + 10_000);

afterAll(async () => {
  if (stack?.pid && stack.exitCode === null) {
    const exited = new Promise((resolvePromise) => stack!.once('exit', resolvePromise));
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-stack!.pid!, name);
      } catch {
        // the group has already gone
      }
    };
    signal('SIGINT');
    await Promise.race([exited, new Promise((resolvePromise) => setTimeout(resolvePromise, 15_000))]);
    if (stack.exitCode === null) signal('SIGKILL');
  }
  for (const file of untracked())
    if (!untrackedBefore.has(file)) rmSync(resolve(root, file), { force: true });
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

it('finds the commands a newcomer runs, and the stack they start', () => {
  expect(commands).toContain('npm start');
  expect(commands.some((command) => command.startsWith('npx skc invite'))).toBe(true);
  expect(commands).toContain('npx skc digest --preview');
});

it('prints the address emailed links carry, which follows PORT', () => {
  expect(startOutput).toContain(`App:           http://localhost:${ports.app}/`);
  expect(startOutput).toContain(`Links in mail: http://localhost:${ports.app}  (SKC_PUBLIC_URL`);
  expect(startOutput).toContain(`Mail viewer:   http://localhost:${ports.ses}`);
  expect(startOutput).toContain('Digest to:     arbetsgrupp@localhost.test');
});

it(
  'runs every command of the README as written against the started stack',
  async () => {
    const ran: string[] = [];
    for (const command of commands) {
      if (skipped(command) || command === 'npm start') continue;
      const typed = onOurPorts(command);
      const result = await run('bash', ['-c', typed]);
      expect(
        { command: typed, status: result.status, signal: result.signal },
        `${typed}\n${result.stdout}\n${result.stderr}`,
      ).toEqual({ command: typed, status: 0, signal: null });
      ran.push(typed);
    }
    expect(ran.length).toBeGreaterThanOrEqual(6);
  },
  COMMAND_MS * 10,
);

it(
  'sends invitations whose links point at the app on PORT, and previews the digest without sending',
  async () => {
    // The README's invite ran above: its mail is in SES local.
    const response = await fetch(`http://127.0.0.1:${ports.ses}/store`);
    const { emails } = (await response.json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
    };
    const invitation = emails.find((mail) =>
      mail.destination.to.some((to) => to.includes('bo.berg@example.org')),
    );
    expect(invitation?.body.text).toContain(`http://localhost:${ports.app}/forms/company-value?token=`);

    const preview = await run('npx', ['skc', 'digest', '--preview']);
    expect(preview.status, preview.stderr).toBe(0);
    const file = /written to (\S+)/.exec(preview.stdout)?.[1];
    expect(preview.stdout).toContain(`file://${file}`);
    expect(readFileSync(file!, 'utf8')).toContain('<html');
    expect(preview.stdout).toMatch(/nothing sent/);
    const after = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
      emails: unknown[];
    };
    expect(after.emails).toHaveLength(emails.length);
  },
  COMMAND_MS + 10_000,
);

it(
  'names the table and the setting when the CLI is pointed at a table that does not exist',
  async () => {
    const result = await run('npx', ['skc', 'applications'], {
      ...shellEnv(),
      SKC_TABLE_NAME: 'no-such-table',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no table "no-such-table"/);
    for (const hint of ['npm start', 'SKC_TABLE_NAME', 'SKC_TARGET=aws']) expect(lines[0]).toContain(hint);
  },
  COMMAND_MS + 10_000,
);

it(
  'refuses a taken port by naming the setting that moves it',
  async () => {
    const tryStart = (env: Record<string, string>) => run('npm', ['start'], { ...shellEnv(), ...env });
    const app = await tryStart({});
    expect(app.status).not.toBe(0);
    expect(app.stderr).toContain(
      `npm start: Port ${ports.app} (the app) is already in use. Stop what uses it, or set PORT to another port.`,
    );
    const dynamo = await tryStart({ PORT: String(await freePort()) });
    expect(dynamo.stderr).toContain(
      `npm start: Port ${ports.dynamo} (DynamoDB Local) is already in use. Stop what uses it, or set SKC_DYNAMODB_PORT to another port.`,
    );
    const ses = await tryStart({
      PORT: String(await freePort()),
      SKC_DYNAMODB_PORT: String(await freePort()),
    });
    expect(ses.stderr).toContain(
      `npm start: Port ${ports.ses} (SES local) is already in use. Stop what uses it, or set SKC_SES_PORT to another port.`,
    );
  },
  COMMAND_MS * 3,
);
