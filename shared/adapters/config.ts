/**
 * Configuration, read from the environment once and validated with one clear line per problem.
 * The same schema serves the Lambda functions, the local runtime and the CLI.
 */
import * as z from 'zod';
import { pilot } from '../../surveys/pilot.ts';
import { defaultTableName } from './store/table.ts';
import { isValidDate, isValidEmail } from '../core/validation.ts';

// The same address rule as answers and invitation lists: one SES can deliver to.
const emailAddress = z.string().trim().refine(isValidEmail, 'must be an email address SES can deliver to');

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 65535')
    .max(65535, 'must be 1 to 65535')
    .default(fallback);

/** The local stack's ports and working group, shared by `npm start` and the CLI. */
export const localDefaults = {
  PORT: 3000,
  SKC_DYNAMODB_PORT: 8000,
  SKC_SES_PORT: 8005,
  /** A clearly local address, so `npx skc digest` works out of the box against the local stack. */
  SKC_DIGEST_RECIPIENTS: 'arbetsgrupp@localhost.test',
} as const;

const envSchema = z.object({
  PORT: port(localDefaults.PORT),
  /** DynamoDB Local's and SES local's ports: `npm start` listens on them, the CLI calls them. */
  SKC_DYNAMODB_PORT: port(localDefaults.SKC_DYNAMODB_PORT),
  SKC_SES_PORT: port(localDefaults.SKC_SES_PORT),
  SKC_DATA_DIR: z.string().min(1).default('.data'),
  SKC_DIGEST_RECIPIENTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(emailAddress)),
  SKC_FROM_ADDRESS: emailAddress.default('skc-pilot@localhost.test'),
  /** Unset: the local app's own address (http://localhost:PORT), so emailed links follow PORT. */
  SKC_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  /** Personal data is deleted this many months after the pilot ends (DynamoDB TTL). */
  SKC_RETENTION_MONTHS: z.coerce
    .number({ error: 'must be a number of months' })
    .int('must be a whole number of months')
    .min(0, 'must be 0 to 120')
    .max(120, 'must be 0 to 120')
    .default(12),
  /** Where "pilot so far" figures start (local date); the pilot began in December 2023. */
  SKC_PILOT_START: z
    .string()
    .default(pilot.start)
    .refine(isValidDate, { message: 'must be a date YYYY-MM-DD, e.g. 2023-12-01', abort: true })
    .refine((date) => date < pilot.end, `must be before the pilot ends (${pilot.end})`),
  SKC_TABLE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
    .default(defaultTableName),
  // AWS's region names: eu-north-1, ap-southeast-3, us-gov-west-1, cn-north-1, us-isob-east-1.
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'must be an AWS region such as eu-north-1')
    .default('eu-north-1'),
  /** Set by the local runtime and tests; unset on AWS. */
  SKC_DYNAMODB_ENDPOINT: z.url().optional(),
  SKC_SES_ENDPOINT: z.url().optional(),
  /** SES's rule for configuration-set names. */
  SKC_SES_CONFIGURATION_SET: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      "must be at most 64 letters, digits, _ or - (the stack's ConfigurationSetName output)",
    )
    .optional(),
  /**
   * With the CloudFront edge: the value of the secret header CloudFront adds; HTTP functions
   * refuse requests without it (functions/http.ts reads it, so functions without other settings
   * need not load this schema at cold start).
   */
  SKC_ORIGIN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Config = Omit<z.infer<typeof envSchema>, 'SKC_PUBLIC_URL'> & { SKC_PUBLIC_URL: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success)
    return {
      ...result.data,
      SKC_PUBLIC_URL: result.data.SKC_PUBLIC_URL ?? `http://localhost:${result.data.PORT}`,
    };
  // The setting is named, never its value: values may be secrets and this line reaches logs.
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
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
