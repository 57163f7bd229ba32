/**
 * Everything we watch, in one place, and the SNS topic the alarms notify: function errors and
 * throttles, API 5xx (the contract allows none for client mistakes), dead letters, a falling-behind
 * mailer, SES reputation at half the rates at which AWS reviews an account, and the pipeline's own
 * metrics (mail that failed, refusals far above normal, a week without a digest). One dashboard
 * shows the pipeline from form to digest.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  AnomalyDetectionAlarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
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
import { metricNames, refusalReasonDimension } from '../../shared/adapters/metric-names.ts';
import { powertools } from './functions.ts';

/** AWS reviews an account at a 5 % bounce rate and a 0.1 % complaint rate; we want to hear at half. */
export const bounceRateThreshold = 0.02;
export const complaintRateThreshold = 0.0005;

/** Mail that could not be sent this often within an hour is more than a passing hiccup. */
export const mailFailedThreshold = 3;
/** Refusals above this many standard deviations of the learnt hourly band alarm. */
export const refusalBandWidth = 3;

/** One of the functions' own metrics, a sum per period unless told otherwise. */
type PipelineMetric = (
  metricName: string,
  options?: { period?: Duration; statistic?: string; label?: string },
) => Metric;

export type MonitoringProps = {
  functions: Record<FunctionName, IFunction>;
  httpApi: HttpApi;
  deadLetterQueues: Record<string, IQueue>;
  /** The stream-fed function whose lag delays receipts. */
  streamConsumer: IFunction;
  /** Where the functions' own metrics are (Powertools' namespace and `service` dimension). */
  pipelineMetrics: { namespace: string; service: string };
  alarmEmail?: string;
};

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

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

    // The pipeline's own metrics (EMF from the functions, names from metric-names.ts).
    const pipeline: PipelineMetric = (metricName, options = {}) =>
      new Metric({
        namespace: props.pipelineMetrics.namespace,
        metricName,
        dimensionsMap: { service: props.pipelineMetrics.service },
        period: options.period ?? fiveMinutes,
        statistic: options.statistic ?? 'Sum',
        ...(options.label && { label: options.label }),
      });
    this.alarm(
      'MailFailed',
      pipeline(metricNames.mailFailed, { period: Duration.hours(1) }),
      mailFailedThreshold,
      `Mail failed ${mailFailedThreshold} times within an hour: SES refuses or cannot be reached, receipts wait`,
    );
    const refusals = new AnomalyDetectionAlarm(this, 'AnswersRefusedAboveNormal', {
      metric: pipeline(metricNames.answersRefused, { period: Duration.hours(1) }),
      stdDevs: refusalBandWidth,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'skc-pilot: far more answers refused this hour than usual: a broken form, a changed survey or abuse',
    });
    this.notify(refusals);
    this.alarm(
      'DigestMissing',
      pipeline(metricNames.digestMissing, { period: Duration.days(1), statistic: 'Maximum' }),
      1,
      "Last week's digest did not go out by Monday noon: see `skc digest` and the digest function's log",
    );

    this.dashboard = this.pipelineDashboard(props, pipeline);
  }

  /** Requests, answers, receipts, mail and digests, top to bottom as the data flows. */
  private pipelineDashboard(props: MonitoringProps, pipeline: PipelineMetric): Dashboard {
    const hour = Duration.hours(1);
    const graph = (title: string, left: IMetric[]) => new GraphWidget({ title, left, width: 12, height: 6 });
    const refusedByReason = new MathExpression({
      expression: `SEARCH('{${props.pipelineMetrics.namespace},${refusalReasonDimension},service} MetricName="${metricNames.answersRefused}"', 'Sum', 3600)`,
      label: 'refused, by reason',
      period: hour,
    });
    const dashboard = new Dashboard(this, 'Pipeline', {
      dashboardName: `${Stack.of(this).stackName}-pipeline`,
      defaultInterval: Duration.days(7),
    });
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '## skc-pilot: from form to digest\nRequests → answers stored or refused → receipts → mail → the weekly digest. Counts per hour.',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      graph('Requests and 5xx', [
        props.httpApi.metricCount({ period: hour, label: 'requests' }),
        props.httpApi.metricServerError({ period: hour, label: '5xx' }),
      ]),
      graph('Answers stored and refused', [
        pipeline(metricNames.answersStored, { period: hour, label: 'stored' }),
        pipeline(metricNames.answersRefused, { period: hour, label: 'refused' }),
      ]),
    );
    dashboard.addWidgets(
      graph('Answers refused, by reason', [refusedByReason]),
      graph('Receipts sent and held back', [
        pipeline(metricNames.receiptsSent, { period: hour, label: 'sent' }),
        pipeline(metricNames.receiptsHeldBack, { period: hour, label: 'held back' }),
      ]),
    );
    dashboard.addWidgets(
      graph('Mail failed and uncertain', [
        pipeline(metricNames.mailFailed, { period: hour, label: 'failed' }),
        pipeline(metricNames.mailUncertain, { period: hour, label: 'uncertain' }),
      ]),
      graph('Digests sent and missing', [
        pipeline(metricNames.digestsSent, { period: Duration.days(1), label: 'sent' }),
        pipeline(metricNames.digestMissing, { period: Duration.days(1), label: 'missing' }),
      ]),
    );
    dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
    return dashboard;
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    this.notify(
      new Alarm(this, id.charAt(0).toUpperCase() + id.slice(1), {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `skc-pilot: ${description}`,
      }),
    );
  }

  /** Every alarm tells the alarm topic when it fires and when it clears. */
  private notify(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
