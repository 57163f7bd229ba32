/**
 * The deployment's settings, read from CDK context (`cdk.json` or `-c key=value`) and validated
 * once with one clear line per problem. Every key is optional: `npx cdk synth` alone gives a
 * working default. Values given with `-c` arrive as strings, so numbers and flags are coerced.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';

const retentionDays = new Set(Object.values(RetentionDays).filter((value) => typeof value === 'number'));

const flag = z.union([z.boolean(), z.stringbool()], 'must be true or false');
const count = (min: number, max: number) => {
  const range = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: range }).int(range).min(min, range).max(max, range);
};
const emailList = z
  .union([z.array(z.string()), z.string()])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((part) => part.trim()).filter(Boolean),
  )
  .pipe(z.array(z.email('must be comma-separated email addresses')));

export const contextSchema = z
  .object({
    /** Names the stacks and the table (`skc-<stage>`); several stages can share an account. */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 lowercase letters, digits or dashes')
      .default('pilot'),
    /** Where the pipeline runs; Stockholm keeps the data in Sweden. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-north-1')
      .default('eu-north-1'),
    /** Base URL of emailed links and the only origin CORS allows. Default: the custom domain, else the API's own URL. */
    publicUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    /** A custom domain: on the CloudFront distribution when `edge` is on, else on the HTTP API. */
    domainName: z.hostname('must be a host name such as enkater.example.se').optional(),
    /** ACM certificate for `domainName`: in us-east-1 when `edge` is on, else in `region`. */
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/,
        'must be an ACM certificate ARN',
      )
      .optional(),
    fromAddress: z.email('must be an email address').default('skc-pilot@example.com'),
    /** The SES identity to verify: a domain (DKIM) or a single address. Default: the domain of `fromAddress`. */
    mailIdentity: z.union([z.email(), z.hostname()], 'must be a domain or an email address').optional(),
    digestRecipients: emailList.default([]),
    retentionMonths: count(0, 120).default(12),
    /** Stage-wide throttling, requests per second and burst: beyond it API Gateway answers 429. */
    throttleRate: count(1, 10_000).default(20),
    throttleBurst: count(1, 5_000).default(40),
    /** Throttling of the submit route, sized under what the submit function's reserved concurrency carries. */
    submitRate: count(1, 1_000).default(5),
    submitBurst: count(1, 1_000).default(10),
    /** `none` for accounts whose concurrency quota is still the new-account 10. */
    submitReservedConcurrency: z
      .union([z.literal('none'), count(1, 1_000)], 'must be a whole number from 1 to 1000, or none')
      .default(20),
    logRetentionDays: z.coerce
      .number()
      .refine(
        (days) => retentionDays.has(days),
        'must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 180, 365, ...)',
      )
      .default(90),
    alarmEmail: z.email('must be an email address').optional(),
    /** Adds a us-east-1 stack: CloudFront with a WAF per-IP rate limit in front of the API. */
    edge: flag.default(false),
    /** Per client IP and 5 minutes: submissions, and all requests, beyond which WAF answers 429. */
    edgeSubmitLimit: count(10, 100_000).default(50),
    edgeRequestLimit: count(10, 2_000_000_000).default(2_000),
  })
  .refine((config) => Boolean(config.domainName) === Boolean(config.certificateArn), {
    message: 'domainName and certificateArn go together',
    path: ['certificateArn'],
  })
  .refine(
    (config) => !config.certificateArn || !config.edge || config.certificateArn.includes(':us-east-1:'),
    {
      message: 'with edge on, the certificate must be in us-east-1 (CloudFront uses it)',
      path: ['certificateArn'],
    },
  )
  .refine(
    (config) =>
      config.submitReservedConcurrency === 'none' || config.submitBurst <= config.submitReservedConcurrency,
    {
      // A burst the reserved concurrency cannot carry is throttled by Lambda, which API Gateway turns into a 5xx.
      message:
        'submitBurst must not exceed submitReservedConcurrency, or a burst is answered 5xx instead of 429',
      path: ['submitBurst'],
    },
  )
  .refine(
    (config) => config.submitRate <= config.throttleRate && config.submitBurst <= config.throttleBurst,
    {
      message:
        'the submit route cannot allow more than the stage (submitRate/submitBurst above throttleRate/throttleBurst)',
      path: ['submitRate'],
    },
  );

export type DeployConfig = z.infer<typeof contextSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One `key: what is wrong (got …)` per problem, for a one-line report. */
  readonly problems: string[];
  constructor(message: string, problems: string[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** Reads every key of the schema from the construct tree's context. */
export function readConfig(node: Node): DeployConfig {
  const raw = Object.fromEntries(
    Object.keys(contextSchema.shape).map((key) => [key, node.tryGetContext(key)]),
  );
  const result = contextSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'context');
    const given = raw[key];
    return `${key}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
  });
  throw new ConfigError(
    `Invalid CDK context (cdk.json or -c key=value):\n${problems.map((line) => `  ${line}`).join('\n')}`,
    problems,
  );
}

export type CustomDomain = { name: string; certificateArn: string };

/** The custom domain with its certificate, when one is configured. */
export function customDomainOf(config: DeployConfig): CustomDomain | undefined {
  return config.domainName && config.certificateArn
    ? { name: config.domainName, certificateArn: config.certificateArn }
    : undefined;
}

/** The SES identity to create and scope send permissions to. */
export function mailIdentityOf(config: DeployConfig): string {
  return config.mailIdentity ?? config.fromAddress.slice(config.fromAddress.lastIndexOf('@') + 1);
}
