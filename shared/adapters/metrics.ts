/**
 * The pipeline's own metrics, written as CloudWatch EMF lines by Powertools Metrics and flushed by
 * its `logMetrics` middleware at the end of each invocation. Handlers emit them from the outcomes
 * the core returns; the core itself knows nothing of metrics. The CLI never imports this module.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { logger } from './log.ts';
import { metricNames, refusalReasonDimension } from './metric-names.ts';

const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'skc-pilot',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'skc-pilot',
  // Most HTTP reads emit no metric by design: Powertools' "no metrics to publish" warning would be
  // a log line per request, so it goes to debug.
  logger: {
    debug: (message: string) => logger.debug(message),
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.debug(message),
    error: (message: string) => logger.error(message),
  },
});

/** The middy middleware that writes this invocation's metrics (one EMF line) when it ends. */
export const flushMetrics = () => logMetrics(metrics);

const count = (name: string) => metrics.addMetric(name, MetricUnit.Count, 1);

/** What the functions count; one function per event, named for it. */
export const pipelineMetrics = {
  answerStored: () => count(metricNames.answersStored),
  /** Counted twice: in the total (alarms) and under its reason (the dashboard). */
  answerRefused: (reason: string) => {
    count(metricNames.answersRefused);
    const byReason = metrics.singleMetric();
    byReason.addDimension(refusalReasonDimension, reason);
    byReason.addMetric(metricNames.answersRefused, MetricUnit.Count, 1);
  },
  digestSent: () => count(metricNames.digestsSent),
  mailSent: (kind: string | undefined) => {
    count(metricNames.mailSent);
    if (kind === 'receipt') count(metricNames.receiptsSent);
  },
  mailFailed: () => count(metricNames.mailFailed),
  /** 1 when last week's digest did not go out, else 0. */
  digestChecked: (missing: boolean) =>
    metrics.addMetric(metricNames.digestMissing, MetricUnit.Count, missing ? 1 : 0),
  receiptHeldBack: () => count(metricNames.receiptsHeldBack),
  mailUncertain: () => count(metricNames.mailUncertain),
  mailSenderRefused: () => count(metricNames.mailSenderRefused),
};
