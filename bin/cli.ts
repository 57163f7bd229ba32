/**
 * The `skc` admin CLI: commands over the same core the functions use. Each command lives in
 * `bin/commands/<name>.ts` and exports a `Command`. Exit codes: 0 ok, 1 failure (one line on
 * stderr), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { loadConfig, retentionUntil, type Config } from '../shared/adapters/config.ts';
import type { Mailer } from '../shared/core/ports.ts';
import { mailerFrom } from '../shared/adapters/ses.ts';
import { dbFrom } from '../shared/adapters/store/client.ts';
import { UsageError, type Command, type Context } from './command.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  digest: () => import('./commands/digest.ts'),
  invite: () => import('./commands/invite.ts'),
  remind: () => import('./commands/remind.ts'),
  export: () => import('./commands/export.ts'),
  import: () => import('./commands/import.ts'),
  report: () => import('./commands/report.ts'),
  applications: () => import('./commands/applications.ts'),
  review: () => import('./commands/review.ts'),
  erase: () => import('./commands/erase.ts'),
};

export const LOCAL_DYNAMODB = 'http://127.0.0.1:8000';
export const LOCAL_SES = 'http://127.0.0.1:8005';

/**
 * Local by default (the stack `npm start` runs); `SKC_TARGET=aws` uses the AWS credentials and
 * region of the environment and `SKC_TABLE_NAME` (the stack's `TableName` output).
 */
export function contextFrom(
  env: Record<string, string | undefined>,
  io: Pick<Context, 'out' | 'err'>,
): Context {
  const aws = env.SKC_TARGET === 'aws';
  if (env.SKC_TARGET && !aws && env.SKC_TARGET !== 'local')
    throw new UsageError(`SKC_TARGET must be "local" or "aws", not "${env.SKC_TARGET}"`);
  const config = loadConfig({
    ...env,
    ...(!aws && {
      SKC_DYNAMODB_ENDPOINT: env.SKC_DYNAMODB_ENDPOINT ?? LOCAL_DYNAMODB,
      SKC_SES_ENDPOINT: env.SKC_SES_ENDPOINT ?? LOCAL_SES,
    }),
  });
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

const help = `Usage: skc <command> [options]

Commands:
  digest [--period YYYY-Www] [--json] [--dry-run] [--force]
  invite --survey ID --csv FILE [--dry-run]
  remind --survey ID
  export --survey ID [--format csv|json] [--out FILE] [--labels sv]
  import --survey ID --csv FILE [--dry-run]
  report [--centre SLUG] [--region NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format html|json|csv] [--out FILE]
  applications
  review RESPONSE_ID --decision in-review|approved|rejected|changes-requested --note TEXT
  erase --email ADDRESS

Talks to the local stack (npm start) by default; set SKC_TARGET=aws to use AWS.`;

/** Runs one CLI invocation; returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: Pick<Context, 'out' | 'err'> = { out: (line) => console.log(line), err: (line) => console.error(line) },
  overrides: Partial<Context> = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(help);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`skc: unknown command "${name}"\n\n${help}`);
    return 2;
  }
  const { command } = await load();
  let context: Context | undefined;
  try {
    const args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    context = { ...contextFrom(env, io), ...overrides };
    return (await command.run(args as Parameters<Command['run']>[0], context)) ?? 0;
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`skc ${name}: ${message}\nUsage: skc ${command.usage}`);
      return 2;
    }
    if ((error as Error).name === 'ConfigError') {
      io.err(`skc ${name}: ${message}`);
      return 2;
    }
    io.err(`skc ${name}: ${oneLine(error)}`);
    return 1;
  } finally {
    context?.db.client.destroy();
  }
}

function oneLine(error: unknown): string {
  const name = (error as Error).name;
  if (name === 'StoreUnavailableError')
    return 'cannot reach DynamoDB. Is the local stack running (npm start), or are SKC_TARGET, AWS_REGION and SKC_TABLE_NAME right?';
  if (name === 'MailUnavailableError')
    return 'cannot reach SES; nothing more was marked as sent. Is the local stack running (npm start)? Run the command again to finish.';
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}
