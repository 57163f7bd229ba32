/**
 * The `skc` admin CLI (`npx skc`): commands over the same core the functions use. Each command
 * lives in `bin/commands/<name>.ts` and exports a `Command`. Exit codes: 0 ok, 1 failure (one line
 * on stderr), 2 usage error (one line and the command's usage).
 */
import { parseArgs } from 'node:util';
import { loadConfig, localEnvironment, retentionUntil, type Config } from '../shared/adapters/config.ts';
import type { Mailer } from '../shared/core/ports.ts';
import {
  mailerFrom,
  MailNotSentError,
  MailRefusedError,
  MailUncertainError,
} from '../shared/adapters/ses.ts';
import { dbFrom } from '../shared/adapters/store/client.ts';
import { UsageError, type Command, type Context } from './command.ts';

/** The commands, in the order help lists them; each is loaded when it runs (or help lists it). */
const names =
  'digest invite remind export import report applications review erase centres outbox copy regions';
const commands: Record<string, () => Promise<{ command: Command }>> = Object.fromEntries(
  names
    .split(' ')
    .map((name) => [name, () => import(`./commands/${name}.ts`) as Promise<{ command: Command }>]),
);

/**
 * Local by default (the stack `npm start` runs, on SKC_DYNAMODB_PORT and SKC_SES_PORT, with its
 * local working group); `SKC_TARGET=aws` uses the AWS credentials and region of the environment
 * and `SKC_TABLE_NAME` (the stack's `TableName` output).
 */
function contextFrom(env: Record<string, string | undefined>, io: Pick<Context, 'out' | 'err'>): Context {
  const aws = env.SKC_TARGET === 'aws';
  if (env.SKC_TARGET && !aws && env.SKC_TARGET !== 'local')
    throw new UsageError(`SKC_TARGET must be "local" or "aws", not "${env.SKC_TARGET}"`);
  const config = loadConfig(aws ? env : localEnvironment(env));
  const db = dbFrom(config);
  let mailer: Mailer | undefined;
  const tty = process.stderr.isTTY;
  return {
    config,
    db,
    mailer: () => (mailer ??= mailerFor(config, aws ? env : undefined)),
    retentionUntil: retentionUntil(config),
    now: () => new Date(),
    ...io,
    progress: (done, total, label) => {
      if (!tty) return;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : width;
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`,
      );
      if (done >= total) process.stderr.write('\n');
    },
  };
}

/**
 * On AWS, mail goes to real people: links must point at the deployed site and the sender must
 * be the verified identity, never the local defaults.
 */
function mailerFor(config: Config, awsEnv: Record<string, string | undefined> | undefined): Mailer {
  if (awsEnv) {
    const missing = [
      !awsEnv.SKC_PUBLIC_URL?.startsWith('https://') &&
        'SKC_PUBLIC_URL (the https address of the deployed forms)',
      !awsEnv.SKC_FROM_ADDRESS && 'SKC_FROM_ADDRESS (the verified SES sender)',
    ].filter(Boolean);
    if (missing.length)
      throw new UsageError(`with SKC_TARGET=aws, set ${missing.join(' and ')} before sending mail`);
  }
  return mailerFrom(config);
}

const PROGRAM = 'npx skc';

/** Own names only: `skc constructor` is not a command. */
const commandNamed = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;

async function loadAll(): Promise<[string, Command][]> {
  return Promise.all(
    Object.entries(commands).map(async ([name, load]) => [name, (await load()).command] as [string, Command]),
  );
}

/** Every command with its one-line summary. */
async function overview(): Promise<string> {
  const all = await loadAll();
  const width = Math.max(...all.map(([name]) => name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...all.map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    `Run "${PROGRAM} help <command>" (or "${PROGRAM} <command> --help") for a command's options.`,
    'Talks to the local stack (npm start) by default; set SKC_TARGET=aws to use AWS.',
  ].join('\n');
}

/** A command's usage with a line per option. */
function usageOf(command: Command): string {
  const options: [string, string][] = [
    ...Object.entries(command.options).map(([name, option]): [string, string] => [
      `--${name}`,
      option.description,
    ]),
    ['--help', 'prints this help'],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `Usage: ${PROGRAM} ${command.usage}`,
    command.summary,
    '',
    'Options:',
    ...options.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
  ].join('\n');
}

/** parseArgs' messages, said once and without its hint about positionals. */
function parseProblem(error: unknown): string | undefined {
  const { code, message } = error as { code?: string; message: string };
  if (!code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  const option = /'(-{1,2}[^' <]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return message.includes('does not take an argument')
      ? `${option} takes no value`
      : `${option} needs a value`;
  return message.split('. ')[0]!;
}

const wantsHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
};

/** Runs one CLI invocation; returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: Pick<Context, 'out' | 'err'> = { out: (line) => console.log(line), err: (line) => console.error(line) },
  overrides: Partial<Context> = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    (name ? io.out : io.err)(await overview());
    return name ? 0 : 2;
  }
  if (name === 'help') {
    const load = commandNamed(rest[0]);
    if (!load) {
      io.err(`skc: unknown command "${rest[0]}"\n\n${await overview()}`);
      return 2;
    }
    io.out(usageOf((await load()).command));
    return 0;
  }
  const load = commandNamed(name);
  if (!load) {
    io.err(`skc: unknown command "${name}"\n\n${await overview()}`);
    return 2;
  }
  const { command } = await load();
  if (wantsHelp(rest)) {
    io.out(usageOf(command));
    return 0;
  }
  let context: Context | undefined;
  try {
    const args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    context = { ...contextFrom(env, io), ...overrides };
    return (await command.run(args as Parameters<Command['run']>[0], context)) ?? 0;
  } catch (error) {
    const problem = error instanceof UsageError ? error.message : parseProblem(error);
    if (problem !== undefined) {
      io.err(`skc ${name}: ${problem}\n\n${usageOf(command)}`);
      return 2;
    }
    if ((error as Error).name === 'ConfigError') {
      io.err(`skc ${name}: ${(error as Error).message}`);
      return 2;
    }
    io.err(`skc ${name}: ${oneLine(error, context?.config)}`);
    return 1;
  } finally {
    context?.db.client.destroy();
  }
}

function oneLine(error: unknown, config: Config | undefined): string {
  const name = (error as Error).name;
  if (name === 'StoreUnavailableError')
    return 'cannot reach DynamoDB. Is the local stack running (npm start), or are SKC_TARGET, AWS_REGION and SKC_TABLE_NAME right?';
  if (error instanceof MailNotSentError)
    return 'cannot reach SES; nothing more was marked as sent. Is the local stack running (npm start)? Run the command again to finish.';
  if (error instanceof MailRefusedError)
    return error.scope === 'sender'
      ? `SES refuses to send for this sender or account (${error.code}); nothing more was sent. Check the SES identity, the sandbox and the account's sending status, then run the command again.`
      : `SES refused the mail (${error.code}); nothing more was marked as sent. Run the command again later to finish.`;
  if (error instanceof MailUncertainError)
    return 'SES did not answer after a mail was handed over, so it may have been delivered; it counts as sent and is not repeated. Run the command again to finish the rest.';
  if (name === 'ResourceNotFoundException' && config)
    return config.SKC_DYNAMODB_ENDPOINT
      ? `there is no table "${config.SKC_TABLE_NAME}" in the local DynamoDB at ${config.SKC_DYNAMODB_ENDPOINT}. Start the local stack (npm start; it creates the table), or set SKC_TABLE_NAME to the table it uses, or SKC_TARGET=aws with AWS_REGION and SKC_TABLE_NAME (the stack's TableName output).`
      : `there is no table "${config.SKC_TABLE_NAME}" in ${config.AWS_REGION}. Set SKC_TABLE_NAME to the stack's TableName output and AWS_REGION to its region.`;
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}
