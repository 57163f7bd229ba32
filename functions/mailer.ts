/**
 * The mailer job: fed by the table's stream, it sends the mail of each new outbox item (receipts,
 * decisions). Records that are not outbox inserts are ignored.
 *
 * A stream record is handed over once: whatever becomes of its mail is settled in the table —
 * sent, failed or uncertain (set aside for `skc outbox`), held back, or left pending with the time
 * it is next due (a passing refusal's backoff, SES unreachable or refusing the sender). A claim
 * held by another deliverer is someone else sending it, not a failure. Only a store failure, where
 * nothing could be recorded, is reported back as a batch item failure, so Lambda retries from it.
 *
 * A schedule also invokes this function every 15 minutes to sweep whatever is due: retries after
 * their backoff, mail left by an outage, claims whose deliverer died (set aside as uncertain).
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mailerFrom } from '../shared/adapters/ses.ts';
import { deliverOutbox, sweepOutbox, type Delivery } from '../shared/adapters/outbox.ts';
import { outboxIdOf } from '../shared/adapters/store/keys.ts';
import { logger } from '../shared/adapters/log.ts';
import { pipelineMetrics } from '../shared/adapters/metrics.ts';
import { table } from '../shared/adapters/store/table.ts';
import { jobHandler } from './job.ts';
import { wire } from './wiring.ts';

const { config, db, getSurvey } = wire();
const mailer = mailerFrom(config);
const deps = { db, mailer, getSurvey, publicUrl: config.SKC_PUBLIC_URL, now: () => new Date() };

function outboxIdOfRecord(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  return outboxIdOf(record.dynamodb?.Keys?.[table.partitionKey]?.S);
}

/** The scheduled sweep's event (anything without stream records). */
export type SweepEvent = { sweep: true };

export const handler = jobHandler(async (event: DynamoDBStreamEvent | SweepEvent) => {
  if (!('Records' in event)) return sweep();
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const id = outboxIdOfRecord(record);
    if (!id) continue;
    const [delivery] = await deliverOutbox(deps, [id]);
    if (!delivery) continue;
    count(delivery);
    if (delivery.outcome === 'unavailable') {
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      // Lambda retries from the first failure onwards; later records come again anyway.
      break;
    }
    // SES takes nothing now: the rest stay pending and the sweep sends them when it can.
    if (delivery.outcome === 'not-sent' || delivery.outcome === 'sender-refused') break;
  }
  return { batchItemFailures };
});

/** Sends what is due; fails (for the Errors alarm) only when the store could not be read or written. */
async function sweep(): Promise<DynamoDBBatchResponse> {
  const report = await sweepOutbox(deps);
  const outcomes: Partial<Record<Delivery['outcome'], number>> = {};
  for (const delivery of report.deliveries) {
    count(delivery);
    outcomes[delivery.outcome] = (outcomes[delivery.outcome] ?? 0) + 1;
  }
  logger.info('outbox sweep', { ...outcomes, ...(report.stopped && { stopped: report.stopped }) });
  const unavailable = outcomes.unavailable ?? 0;
  if (unavailable > 0) throw new Error(`outbox sweep: the store failed for ${unavailable} items`);
  return { batchItemFailures: [] };
}

/** The metrics of one delivery: sent (receipts apart), held back, failed, uncertain, sender refused. */
function count(delivery: Delivery): void {
  switch (delivery.outcome) {
    case 'sent':
      return pipelineMetrics.mailSent(delivery.kind);
    case 'held-back':
      pipelineMetrics.receiptHeldBack();
      return;
    case 'failed':
      pipelineMetrics.mailFailed();
      return;
    case 'uncertain':
      pipelineMetrics.mailUncertain();
      return;
    case 'sender-refused':
      pipelineMetrics.mailSenderRefused();
      return;
    default:
      return;
  }
}
