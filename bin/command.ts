/**
 * What every `skc` command is: its usage, its options, and the context it runs in; and the two
 * errors a command throws (a usage mistake, exit 2; a failure in one line, exit 1). Kept apart
 * from cli.ts so that commands and the CLI do not import each other.
 */
import type { ParseArgsOptionDescriptor } from 'node:util';
import type { Config } from '../shared/adapters/config.ts';
import type { Db } from '../shared/adapters/store/client.ts';
import type { Mailer } from '../shared/core/ports.ts';

/** A mistake in how the command was called (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the administrator can act on, said in one line (exit 1). */
export class CommandError extends Error {
  override name = 'CommandError';
}

export type Context = {
  config: Config;
  db: Db;
  mailer: () => Mailer;
  retentionUntil: number;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress on a long run, redrawn in place on a terminal. */
  progress: (done: number, total: number, label: string) => void;
};

/** An option as `parseArgs` takes it, with the line `--help` prints for it. */
export type Option = ParseArgsOptionDescriptor & { description: string };

export type Command = {
  /** The synopsis after `npx skc`, e.g. `erase --email ADDRESS`. */
  usage: string;
  /** One line for `npx skc help`. */
  summary: string;
  options: Record<string, Option>;
  run: (
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    context: Context,
  ) => Promise<number | void>;
};
