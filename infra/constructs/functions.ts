/**
 * One Lambda function per entry of the route table (`functions/routes.ts`), each with its own role
 * that holds only what the table says: no, read or read-write table access, and SES send
 * permission only where `sendsMail` is set. Routes and jobs wire these functions by name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functions, routes, type FunctionName, type FunctionSpec } from '../../functions/routes.ts';
import { acknowledge, arnWildcardFinding } from '../nag.ts';
import type { Mail } from './mail.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A request is answered or failed fast (the SDK clients time out well before); jobs get minutes. */
const httpTimeout = Duration.seconds(10);
const jobTimeouts: Partial<Record<FunctionName, Duration>> = {
  mailer: Duration.seconds(60),
  digest: Duration.minutes(5),
};

const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The SDK is bundled, not taken from the runtime: a bundled, minified client imports about twice
  // as fast at cold start (measured: ~36 ms against ~72 ms for a DynamoDB client).
  bundleAwsSDK: true,
  externalModules: [],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // Warnings and errors only: no size summary per bundle on every synth.
  logLevel: LogLevel.WARNING,
  // `#assets` (package.json "imports") resolves to shared/views/assets/bundled.ts under this
  // condition, which imports the pages' CSS and script `with { type: 'text' }`, so esbuild inlines
  // them; Node and tests take the default, which reads the same files from disk.
  esbuildArgs: { '--conditions': 'skc-bundle' },
};

/**
 * Every function logs and counts through Powertools as one service in one namespace (the metrics'
 * `service` dimension is the same everywhere, so an alarm names one metric), INFO and up.
 */
const powertools = { serviceName: 'skc-pilot', metricsNamespace: 'skc-pilot', logLevel: 'INFO' };

const powertoolsEnvironment: Record<string, string> = {
  POWERTOOLS_SERVICE_NAME: powertools.serviceName,
  POWERTOOLS_METRICS_NAMESPACE: powertools.metricsNamespace,
  POWERTOOLS_LOG_LEVEL: powertools.logLevel,
};

export type FunctionsProps = {
  table: ITableV2;
  mail: Mail;
  /** Set on every function (public URL, retention). */
  environment: Record<string, string>;
  /** Only for functions that send mail (sender, recipients, configuration set). */
  mailEnvironment: Record<string, string>;
  logRetention: RetentionDays;
  reservedConcurrency: Partial<Record<FunctionName, number>>;
};

export class Functions extends Construct {
  readonly byName: Record<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const routed = new Set<FunctionName>(routes.map((route) => route.function));
    const entries = Object.entries(functions) as [FunctionName, FunctionSpec][];
    this.byName = Object.fromEntries(
      entries.map(([name, spec]) => {
        const timeout = routed.has(name) ? httpTimeout : jobTimeouts[name];
        if (!timeout) {
          throw new Error(`functions/routes.ts: function "${name}" has no route and is no known job`);
        }
        return [name, this.createFunction(name, spec, timeout, props)];
      }),
    ) as Record<FunctionName, NodejsFunction>;
  }

  private createFunction(
    name: FunctionName,
    spec: FunctionSpec,
    timeout: Duration,
    props: FunctionsProps,
  ): NodejsFunction {
    const id = name.charAt(0).toUpperCase() + name.slice(1);
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `skc-pilot ${name}: ${spec.description}`,
    });
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: props.logRetention,
      // Logs hold no personal data and expire anyway; tearing down should not leave them behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, id, {
      entry: path.join(repositoryRoot, spec.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      description: spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout,
      role,
      logGroup,
      bundling,
      reservedConcurrentExecutions: props.reservedConcurrency[name],
      environment: {
        ...props.environment,
        ...(spec.table !== 'none' && { SKC_TABLE_NAME: props.table.tableName }),
        ...(spec.sendsMail && props.mailEnvironment),
        ...powertoolsEnvironment,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    if (spec.table === 'read') props.table.grantReadData(role);
    if (spec.table === 'read-write') props.table.grantReadWriteData(role);
    if (spec.table !== 'none') {
      acknowledge(
        role,
        arnWildcardFinding(props.table, '/index/*'),
        'The table has one index (gsi1); the grant covers it by the wildcard CDK uses, within this one table only.',
      );
    }
    if (spec.sendsMail) props.mail.grantSend(role);
    return fn;
  }
}
