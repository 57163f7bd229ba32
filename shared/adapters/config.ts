/**
 * Configuration, read from the environment once and checked with one clear line per problem.
 * One schema, `settings` below, serves the Lambda functions, the local runtime and the CLI, and
 * the `Config` type is derived from it. It is checked by hand rather than with zod: most functions
 * have nothing else to validate, and zod was the largest part of their bundles and of their cold
 * start (bench/README.md).
 */
import { pilot } from '../../surveys/pilot.ts';
import { defaultTableName } from './store/table.ts';
import { isValidDate, isValidEmail } from '../core/questions/kit.ts';

/** A value that breaks its setting's rule; the message says what is wrong, never the value. */
class Invalid extends Error {}

const invalid = (message: string): never => {
  throw new Invalid(message);
};

/** How one variable is read: `read` checks and converts a set value; `fallback` is used when unset. */
type Setting<T> = { read: (raw: string) => T; fallback: T };

const required = <T>(fallback: T, read: (raw: string) => T): Setting<T> => ({ read, fallback });
const optional = <T>(read: (raw: string) => T): Setting<T | undefined> => ({ read, fallback: undefined });

function wholeNumber(
  raw: string,
  rule: { min: number; max: number; notNumber: string; notWhole: string },
): number {
  const value = Number(raw);
  if (Number.isNaN(value)) invalid(rule.notNumber);
  if (!Number.isInteger(value)) invalid(rule.notWhole);
  if (value < rule.min || value > rule.max) invalid(`must be ${rule.min} to ${rule.max}`);
  return value;
}

const port = (fallback: number) =>
  required(fallback, (raw) =>
    wholeNumber(raw, {
      min: 1,
      max: 65535,
      notNumber: 'must be a port number',
      notWhole: 'must be a whole number',
    }),
  );

const matching = (pattern: RegExp, message: string) => (raw: string) =>
  pattern.test(raw) ? raw : invalid(message);

function nonEmpty(raw: string): string {
  return raw.length > 0 ? raw : invalid('must not be empty');
}

// The same address rule as answers and invitation lists: one SES can deliver to.
function emailAddress(raw: string, what = 'must be'): string {
  const address = raw.trim();
  return isValidEmail(address) ? address : invalid(`${what} an email address SES can deliver to`);
}

function url(raw: string, options: { web?: boolean } = {}): string {
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!parsed || (options.web && !/^https?:$/.test(parsed.protocol)))
    invalid(options.web ? 'must be an http(s) URL' : 'must be a URL');
  return raw;
}

/** The local stack's ports and working group, shared by `npm start` and the CLI. */
const localDefaults = {
  PORT: 3000,
  SKC_DYNAMODB_PORT: 8000,
  SKC_SES_PORT: 8005,
  /** A clearly local address, so `npx skc digest` works out of the box against the local stack. */
  SKC_DIGEST_RECIPIENTS: 'arbetsgrupp@localhost.test',
} as const;

const settings = {
  PORT: port(localDefaults.PORT),
  /** DynamoDB Local's and SES local's ports: `npm start` listens on them, the CLI calls them. */
  SKC_DYNAMODB_PORT: port(localDefaults.SKC_DYNAMODB_PORT),
  SKC_SES_PORT: port(localDefaults.SKC_SES_PORT),
  SKC_DATA_DIR: required('.data', nonEmpty),
  SKC_DIGEST_RECIPIENTS: required<string[]>([], (raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part, index) => emailAddress(part, `entry ${index + 1} must be`)),
  ),
  SKC_FROM_ADDRESS: required('skc-pilot@localhost.test', (raw) => emailAddress(raw)),
  /** Unset: the local app's own address (http://localhost:PORT), so emailed links follow PORT. */
  SKC_PUBLIC_URL: optional((raw) => url(raw, { web: true }).replace(/\/+$/, '')),
  /** Personal data is deleted this many months after the pilot ends (DynamoDB TTL). */
  SKC_RETENTION_MONTHS: required(12, (raw) =>
    wholeNumber(raw, {
      min: 0,
      max: 120,
      notNumber: 'must be a number of months',
      notWhole: 'must be a whole number of months',
    }),
  ),
  /** Where "pilot so far" figures start (local date); the pilot began in December 2023. */
  SKC_PILOT_START: required(pilot.start, (raw) => {
    if (!isValidDate(raw)) invalid('must be a date YYYY-MM-DD, e.g. 2023-12-01');
    return raw < pilot.end ? raw : invalid(`must be before the pilot ends (${pilot.end})`);
  }),
  SKC_TABLE_NAME: required(
    defaultTableName,
    matching(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
  ),
  // AWS's region names: eu-north-1, ap-southeast-3, us-gov-west-1, cn-north-1, us-isob-east-1.
  AWS_REGION: required(
    'eu-north-1',
    matching(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'must be an AWS region such as eu-north-1'),
  ),
  /** Set by the local runtime and tests; unset on AWS. */
  SKC_DYNAMODB_ENDPOINT: optional((raw) => url(raw)),
  SKC_SES_ENDPOINT: optional((raw) => url(raw)),
  /** SES's rule for configuration-set names. */
  SKC_SES_CONFIGURATION_SET: optional(
    matching(
      /^[A-Za-z0-9_-]{1,64}$/,
      "must be at most 64 letters, digits, _ or - (the stack's ConfigurationSetName output)",
    ),
  ),
  /**
   * With the CloudFront edge: the value of the secret header CloudFront adds; HTTP functions
   * refuse requests without it (functions/http.ts reads it, so functions without other settings
   * need not load this schema at cold start).
   */
  SKC_ORIGIN_SECRET: optional((raw) => (raw.length >= 32 ? raw : invalid('must be at least 32 characters'))),
};

type Settings = typeof settings;
export type Config = { [Name in Exclude<keyof Settings, 'SKC_PUBLIC_URL'>]: Settings[Name]['fallback'] } & {
  SKC_PUBLIC_URL: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const raw = env[name];
    try {
      config[name] = raw === undefined ? setting.fallback : setting.read(raw);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      // The setting is named, never its value: values may be secrets and this line reaches logs.
      problems.push(`${name}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const checked = config as Omit<Config, 'SKC_PUBLIC_URL'> & { SKC_PUBLIC_URL?: string };
  return { ...checked, SKC_PUBLIC_URL: checked.SKC_PUBLIC_URL ?? `http://localhost:${checked.PORT}` };
}

/**
 * The environment of the local stack (`npm start`, and the CLI unless SKC_TARGET=aws): the
 * DynamoDB Local and SES local endpoints on their configured ports, and a local working group.
 * Variables already set win.
 */
export function localEnvironment(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const { SKC_DYNAMODB_PORT, SKC_SES_PORT } = loadConfig(env);
  return {
    ...env,
    SKC_DYNAMODB_ENDPOINT: env.SKC_DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${SKC_DYNAMODB_PORT}`,
    SKC_SES_ENDPOINT: env.SKC_SES_ENDPOINT ?? `http://127.0.0.1:${SKC_SES_PORT}`,
    SKC_DIGEST_RECIPIENTS: env.SKC_DIGEST_RECIPIENTS ?? localDefaults.SKC_DIGEST_RECIPIENTS,
  };
}

/** Unix seconds: personal data stored now is kept until this many months after the pilot's end. */
export function retentionUntil(config: Pick<Config, 'SKC_RETENTION_MONTHS'>): number {
  const end = new Date(`${pilot.end}T23:59:59Z`);
  end.setUTCMonth(end.getUTCMonth() + config.SKC_RETENTION_MONTHS);
  return Math.floor(end.getTime() / 1000);
}

/** Local stand-ins accept any credentials; one fixed pair keeps app, CLI and tests on one database. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
