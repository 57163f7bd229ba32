/**
 * The pipeline's own alarms and dashboard (issue 16): mail failures, refusals far above normal and
 * a week without a digest, each on a metric named in shared/adapters/metric-names.ts and in
 * Powertools' namespace, each notifying the alarm topic; the Monday-noon check that feeds the
 * digest alarm; one dashboard from form to digest.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { metricNames } from '../../shared/adapters/metric-names.ts';
import { powertools } from '../../infra/constructs/functions.ts';
import { mailFailedThreshold, refusalBandWidth } from '../../infra/constructs/monitoring.ts';
import { logicalIdOf, resourcesOf, synth, type Synthesised } from './synth.ts';

let synthesised: Synthesised;
let template: Template;

beforeAll(() => {
  synthesised = synth({}, { bundle: false });
  template = synthesised.pipeline;
});

const alarms = () => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
const pipelineDimensions = [{ Name: 'service', Value: powertools.serviceName }];

describe("Monitoring: the pipeline's own metrics", () => {
  it('alarms when mail fails three times within an hour', () => {
    const alarm = alarms().find((candidate) => candidate.Properties.MetricName === metricNames.mailFailed);
    expect(alarm?.Properties).toMatchObject({
      Namespace: powertools.metricsNamespace,
      Dimensions: pipelineDimensions,
      Statistic: 'Sum',
      Period: 3600,
      Threshold: mailFailedThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(mailFailedThreshold).toBe(3);
  });

  it('alarms when refused answers rise far above their learnt hourly band', () => {
    const alarm = alarms().find((candidate) =>
      (candidate.Properties.Metrics ?? []).some(
        (query: { MetricStat?: { Metric: { MetricName: string } } }) =>
          query.MetricStat?.Metric.MetricName === metricNames.answersRefused,
      ),
    );
    expect(alarm?.Properties.ComparisonOperator).toBe('GreaterThanUpperThreshold');
    const band = alarm?.Properties.Metrics.find((query: { Expression?: string }) => query.Expression);
    expect(band.Expression).toMatch(new RegExp(`^ANOMALY_DETECTION_BAND\\(\\w+, ${refusalBandWidth}\\)$`));
    expect(alarm?.Properties.ThresholdMetricId).toBe(band.Id);
    const refused = alarm?.Properties.Metrics.find(
      (query: { MetricStat?: unknown }) => query.MetricStat,
    ).MetricStat;
    expect(refused).toMatchObject({
      Metric: { Namespace: powertools.metricsNamespace, Dimensions: pipelineDimensions },
      Period: 3600,
      Stat: 'Sum',
    });
  });

  it('alarms on a week without a digest', () => {
    const alarm = alarms().find((candidate) => candidate.Properties.MetricName === metricNames.digestMissing);
    expect(alarm?.Properties).toMatchObject({
      Namespace: powertools.metricsNamespace,
      Dimensions: pipelineDimensions,
      Statistic: 'Maximum',
      Period: 86_400,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('checks on Monday at noon, Stockholm time, with the digest-check function', () => {
    const checkFunction = logicalIdOf(synthesised.deployment.pipeline.functions.byName.digestCheck);
    const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).filter((schedule) =>
      JSON.stringify(schedule.Properties.Target.Arn).includes(checkFunction),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 12 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Stockholm',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(schedules[0]!.Properties.Target.DeadLetterConfig).toBeDefined();
  });

  it('sends every alarm, and its all-clear, to the alarm topic', () => {
    const topic = logicalIdOf(synthesised.deployment.pipeline.monitoring.topic);
    const pipelineAlarms = alarms().filter(
      (alarm) =>
        alarm.Properties.Namespace === powertools.metricsNamespace ||
        JSON.stringify(alarm.Properties.Metrics ?? []).includes(`"${powertools.metricsNamespace}"`),
    );
    // Mail failed, refusals far above normal, a week without a digest, sender refused, send uncertain.
    expect(pipelineAlarms).toHaveLength(5);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
    }
  });
});

describe('Monitoring: the dashboard', () => {
  const body = () => {
    const dashboards = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    // The body is a Fn::Join of text and tokens; the text is what names the metrics.
    return JSON.stringify(dashboards[0]!.Properties.DashboardBody);
  };

  it('shows the pipeline from form to digest on one dashboard', () => {
    const text = body();
    for (const name of [
      metricNames.answersStored,
      metricNames.answersRefused,
      metricNames.receiptsSent,
      metricNames.receiptsHeldBack,
      metricNames.mailFailed,
      metricNames.mailUncertain,
      metricNames.digestsSent,
      metricNames.digestMissing,
    ])
      expect(text).toContain(`\\"${name}\\"`);
    expect(text).toContain('\\"Count\\"');
    expect(text).toContain('\\"5xx\\"');
    for (const title of [
      'Requests and 5xx',
      'Answers stored and refused',
      'Receipts sent and held back',
      'Mail failed and uncertain',
      'Digests sent and missing',
    ])
      expect(text).toContain(title);
  });

  it('lists every alarm on the dashboard', () => {
    expect(body()).toContain('\\"alarms\\"');
    expect(synthesised.deployment.pipeline.monitoring.alarms.length).toBe(alarms().length);
  });
});
