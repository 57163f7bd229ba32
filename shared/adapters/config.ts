/**
 * Configuration, read from the environment once and validated with one clear line per problem.
 * The same schema serves the Lambda functions, the local runtime and the CLI.
 */
import * as z from 'zod';
import { pilot } from '../../surveys/pilot.ts';
import { defaultTableName } from './store/table.ts';
import { isValidEmail } from '../core/validation.ts';

// The same address rule as answers and invitation lists: one SES can deliver to.
const emailAddress = z.string().trim().refine(isValidEmail, 'must be an email address SES can deliver to');

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 65535')
    .max(65535, 'must be 1 to 65535')
    .default(3000),
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
  SKC_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('http://localhost:3000')
    .transform((value) => value.replace(/\/+$/, '')),
  /** Personal data is deleted this many months after the pilot ends (DynamoDB TTL). */
  SKC_RETENTION_MONTHS: z.coerce
    .number({ error: 'must be a number of months' })
    .int('must be a whole number of months')
    .min(0, 'must be 0 to 120')
    .max(120, 'must be 0 to 120')
    .default(12),
  SKC_TABLE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
    .default(defaultTableName),
  AWS_REGION: z.string().min(1).default('eu-north-1'),
  /** Set by the local runtime and tests; unset on AWS. */
  SKC_DYNAMODB_ENDPOINT: z.url().optional(),
  SKC_SES_ENDPOINT: z.url().optional(),
  SKC_SES_CONFIGURATION_SET: z.string().optional(),
  /**
   * With the CloudFront edge: the value of the secret header CloudFront adds; HTTP functions
   * refuse requests without it (functions/http.ts reads it, so functions without other settings
   * need not load this schema at cold start).
   */
  SKC_ORIGIN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  // The setting is named, never its value: values may be secrets and this line reaches logs.
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
}

/** Unix seconds: personal data stored now is kept until this many months after the pilot's end. */
export function retentionUntil(config: Pick<Config, 'SKC_RETENTION_MONTHS'>): number {
  const end = new Date(`${pilot.end}T23:59:59Z`);
  end.setUTCMonth(end.getUTCMonth() + config.SKC_RETENTION_MONTHS);
  return Math.floor(end.getTime() / 1000);
}

/** Local stand-ins accept any credentials; one fixed pair keeps app, CLI and tests on one database. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
