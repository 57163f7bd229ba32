/**
 * The whole pipeline in one stack, top to bottom as in design.md's data flow: the table, SES,
 * one function per entry of the route table, the HTTP API in front of them, the two jobs, and the
 * alarms that watch it all.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.ts';
import { customDomainOf, mailIdentityOf, type DeployConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Functions } from './constructs/functions.ts';
import { Jobs } from './constructs/jobs.ts';
import { Mail } from './constructs/mail.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Storage } from './constructs/storage.ts';
import { acknowledge } from './nag.ts';

/** The Secrets Manager name of the edge's origin secret; the edge stack reads it by this name. */
export const originSecretName = (stage: string) => `skc-${stage}/edge-origin`;

export type PipelineStackProps = StackProps & {
  config: DeployConfig;
  /** The custom domain goes on the API unless a CloudFront distribution in front of it takes it. */
  domainOnApi: boolean;
};

export class PipelineStack extends Stack {
  readonly storage: Storage;
  readonly mail: Mail;
  readonly functions: Functions;
  readonly api: Api;
  readonly jobs: Jobs;
  readonly monitoring: Monitoring;
  /** Base URL of emailed links. */
  readonly publicUrl: string;
  /** With the edge on: the value CloudFront sends in its origin header and the API requires. */
  readonly originSecret?: Secret;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const domain = customDomainOf(config);
    const configuredUrl = config.publicUrl ?? (domain && `https://${domain.name}`);

    this.storage = new Storage(this, 'Storage', { tableName: `skc-${config.stage}` });
    this.mail = new Mail(this, 'Mail', { identity: mailIdentityOf(config) });

    this.functions = new Functions(this, 'Functions', {
      table: this.storage.table,
      mail: this.mail,
      environment: { SKC_RETENTION_MONTHS: String(config.retentionMonths) },
      mailEnvironment: {
        SKC_FROM_ADDRESS: config.fromAddress,
        SKC_DIGEST_RECIPIENTS: config.digestRecipients.join(','),
        SKC_SES_CONFIGURATION_SET: this.mail.configurationSet.configurationSetName,
      },
      logRetention: config.logRetentionDays,
      reservedConcurrency:
        config.submitReservedConcurrency === 'none' ? {} : { submit: config.submitReservedConcurrency },
    });
    const fns = this.functions.byName;

    this.api = new Api(this, 'Api', {
      functions: fns,
      throttle: { rateLimit: config.throttleRate, burstLimit: config.throttleBurst },
      routeThrottles: { submit: { rateLimit: config.submitRate, burstLimit: config.submitBurst } },
      ...(configuredUrl && { corsOrigin: new URL(configuredUrl).origin }),
      ...(domain && props.domainOnApi && { domain }),
      logRetention: config.logRetentionDays,
    });
    this.publicUrl = configuredUrl ?? this.api.url;
    for (const fn of Object.values(fns)) fn.addEnvironment('SKC_PUBLIC_URL', this.publicUrl);
    if (config.edge) this.originSecret = this.requireEdge(config.stage, config.region);

    this.jobs = new Jobs(this, 'Jobs', { table: this.storage.table, digest: fns.digest, mailer: fns.mailer });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: fns,
      httpApi: this.api.httpApi,
      deadLetterQueues: {
        digestDeadLetters: this.jobs.digestDeadLetters,
        mailerDeadLetters: this.jobs.mailerDeadLetters,
      },
      streamConsumer: fns.mailer,
      ...(config.alarmEmail && { alarmEmail: config.alarmEmail }),
    });

    new CfnOutput(this, 'PublicUrl', {
      value: this.publicUrl,
      description: 'Base URL of the forms (emailed links)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API' });
    if (this.api.domainName) {
      new CfnOutput(this, 'DomainTarget', {
        value: this.api.domainName.regionalDomainName,
        description: `DNS: ${this.api.domainName.name} CNAME this`,
      });
    }
    new CfnOutput(this, 'TableName', {
      value: this.storage.table.tableName,
      description: 'SKC_TABLE_NAME for the skc CLI',
    });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.mail.configurationSet.configurationSetName });
    if (this.mail.isDomain) {
      this.mail.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: 'DNS record that verifies the SES domain identity (Easy DKIM)',
        });
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
  }

  /**
   * An HTTP API cannot be made private to CloudFront, and its execute-api endpoint cannot be
   * disabled while CloudFront still needs it as the origin (only a custom domain could replace
   * it). So CloudFront adds a secret header and every HTTP function refuses requests without it.
   * The value is generated by Secrets Manager at deploy, so no secret is in the repository or the
   * template (both read it through a `{{resolve:secretsmanager:…}}` reference), and replicated to
   * us-east-1, where the edge stack resolves it by name.
   */
  private requireEdge(stage: string, region: string): Secret {
    const secret = new Secret(this, 'EdgeOriginSecret', {
      secretName: originSecretName(stage),
      description:
        'skc-pilot: the header value CloudFront adds, so the API answers only requests through the edge',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      ...(region !== 'us-east-1' && { replicaRegions: [{ region: 'us-east-1' }] }),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Not rotated automatically: CloudFront and the functions read the value at deploy, so a new value takes a deploy of both stacks; it guards only against bypassing the edge, not data.',
    );
    for (const route of routes)
      this.functions.byName[route.function].addEnvironment(
        'SKC_ORIGIN_SECRET',
        secret.secretValue.unsafeUnwrap(),
      );
    return secret;
  }
}
