/**
 * Everything we watch, in one place, and the SNS topic the alarms notify: function errors and
 * throttles, API 5xx (the contract allows none for client mistakes), dead letters, a falling-behind
 * mailer, and SES reputation at half the rates at which AWS reviews an account.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/routes.ts';
import { metricNames } from '../../shared/adapters/metric-names.ts';
import { powertools } from './functions.ts';

/** AWS reviews an account at a 5 % bounce rate and a 0.1 % complaint rate; we want to hear at half. */
export const bounceRateThreshold = 0.02;
export const complaintRateThreshold = 0.0005;

export type MonitoringProps = {
  functions: Record<FunctionName, IFunction>;
  httpApi: HttpApi;
  deadLetterQueues: Record<string, IQueue>;
  /** The stream-fed function whose lag delays receipts. */
  streamConsumer: IFunction;
  alarmEmail?: string;
};

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'skc-pilot alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const fiveMinutes = Duration.minutes(5);
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(
        `${name}Errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `The ${name} function failed`,
      );
      this.alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `The ${name} function was throttled`,
      );
    }
    this.alarm(
      'Api5xx',
      props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      1,
      'The API answered 5xx: a bug or an unavailable store (clients never cause one)',
    );
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(
        `${name}NotEmpty`,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        1,
        `${name}: something failed for good and waits in the dead-letter queue`,
      );
    }
    this.alarm(
      'MailerBehind',
      props.streamConsumer.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
      Duration.minutes(15).toMilliseconds(),
      'The mailer is more than 15 minutes behind the outbox: receipts are late',
    );

    // The mailer's own metrics (Powertools EMF, shared/adapters/metric-names.ts). One sender refusal
    // means no mail goes out at all until someone fixes the identity or the account.
    const mailMetric = (metricName: string) =>
      new Metric({
        namespace: powertools.metricsNamespace,
        metricName,
        dimensionsMap: { service: powertools.serviceName },
        period: fiveMinutes,
        statistic: 'Sum',
      });
    this.alarm(
      'MailSenderRefused',
      mailMetric(metricNames.mailSenderRefused),
      1,
      'SES refuses the sender or the account (unverified identity, sandbox, sending paused): no mail goes out until it is fixed; the mailer log says which',
    );
    this.alarm(
      'MailUncertain',
      mailMetric(metricNames.mailUncertain),
      1,
      'SES did not answer a send: the mail may or may not have arrived and is not resent by itself; `skc outbox` lists it',
    );

    // Account-wide reputation metrics: the ones AWS's review looks at.
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    this.alarm(
      'SesBounceRate',
      reputation('Reputation.BounceRate'),
      bounceRateThreshold,
      'SES bounce rate at 2 % (AWS reviews at 5 %)',
    );
    this.alarm(
      'SesComplaintRate',
      reputation('Reputation.ComplaintRate'),
      complaintRateThreshold,
      'SES complaint rate at 0.05 % (AWS reviews at 0.1 %)',
    );
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id.charAt(0).toUpperCase() + id.slice(1), {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `skc-pilot: ${description}`,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
