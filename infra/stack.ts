/**
 * The whole pipeline in one stack, top to bottom as in design.md's data flow: the table, SES,
 * one function per entry of the route table, the HTTP API in front of them, the two jobs, and the
 * alarms that watch it all.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { customDomainOf, mailIdentityOf, type DeployConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Functions } from './constructs/functions.ts';
import { Jobs } from './constructs/jobs.ts';
import { Mail } from './constructs/mail.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Storage } from './constructs/storage.ts';

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
}
