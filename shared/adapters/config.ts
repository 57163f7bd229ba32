/**
 * Configuration, read from the environment once and checked with one clear line per problem.
 * One schema, `settings` below, serves the Lambda functions, the local runtime and the CLI, and
 * the `Config` type is derived from it. It is checked by hand rather than with zod: most functions
 * have nothing else to validate, and zod was the largest part of their bundles and of their cold
 * start (bench/README.md).
 */
import { pilot } from '../../surveys/pilot.ts';
import { defaultTableName } from './store/table.ts';
import { isValidEmail } from '../core/validation.ts';

/** A value that breaks its setting's rule; the message says what is wrong, never the value. */
class Invalid extends Error {}

const invalid = (message: string): never => {
  throw new Invalid(message);
};

/** How one variable is read: `read` checks and converts a set value; `fallback` is used when unset. */
type Setting<T> = { read: (raw: string) => T; fallback: T };

const required = <T>(fallback: T, read: (raw: string) => T): Setting<T> => ({ read, fallback });
const optional = <T>(read: (raw: string) => T): Setting<T | undefined> => ({ read, fallback: undefined });

function wholeNumber(raw: string, range: { min: number; max: number; unit: string }): number {
  const value = Number(raw);
  if (Number.isNaN(value)) invalid(`must be a ${range.unit}`);
  if (!Number.isInteger(value)) invalid('must be a whole number');
  if (value < range.min || value > range.max) invalid(`must be ${range.min} to ${range.max}`);
  return value;
}

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

const settings = {
  PORT: required(3000, (raw) => wholeNumber(raw, { min: 1, max: 65535, unit: 'port number' })),
  SKC_DATA_DIR: required('.data', nonEmpty),
  SKC_DIGEST_RECIPIENTS: required<string[]>([], (raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part, index) => emailAddress(part, `entry ${index + 1} must be`)),
  ),
  SKC_FROM_ADDRESS: required('skc-pilot@localhost.test', (raw) => emailAddress(raw)),
  SKC_PUBLIC_URL: required('http://localhost:3000', (raw) => url(raw, { web: true }).replace(/\/+$/, '')),
  /** Personal data is deleted this many months after the pilot ends (DynamoDB TTL). */
  SKC_RETENTION_MONTHS: required(12, (raw) =>
    wholeNumber(raw, { min: 0, max: 120, unit: 'number of months' }),
  ),
  SKC_TABLE_NAME: required(defaultTableName, (raw) =>
    /^[A-Za-z0-9_.-]{3,255}$/.test(raw) ? raw : invalid('must be a DynamoDB table name'),
  ),
  AWS_REGION: required('eu-north-1', nonEmpty),
  /** Set by the local runtime and tests; unset on AWS. */
  SKC_DYNAMODB_ENDPOINT: optional((raw) => url(raw)),
  SKC_SES_ENDPOINT: optional((raw) => url(raw)),
  SKC_SES_CONFIGURATION_SET: optional((raw) => raw),
  /**
   * With the CloudFront edge: the value of the secret header CloudFront adds; HTTP functions
   * refuse requests without it (functions/http.ts reads it, so functions without other settings
   * need not load this schema at cold start).
   */
  SKC_ORIGIN_SECRET: optional((raw) => (raw.length >= 32 ? raw : invalid('must be at least 32 characters'))),
};

type Settings = typeof settings;
export type Config = { [Name in keyof Settings]: Settings[Name]['fallback'] };

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
  return config as Config;
}

/** Unix seconds: personal data stored now is kept until this many months after the pilot's end. */
export function retentionUntil(config: Pick<Config, 'SKC_RETENTION_MONTHS'>): number {
  const end = new Date(`${pilot.end}T23:59:59Z`);
  end.setUTCMonth(end.getUTCMonth() + config.SKC_RETENTION_MONTHS);
  return Math.floor(end.getTime() / 1000);
}

/** Local stand-ins accept any credentials; one fixed pair keeps app, CLI and tests on one database. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
