/**
 * The mailer job: fed by the table's stream, it sends the mail of each new outbox item (receipts,
 * decisions). Records that are not outbox inserts are ignored. A failed item is reported back as
 * a batch item failure, so Lambda retries from it; items already sent are never sent again.
 *
 * A stream record's retries run out (an SES outage of hours), and its dead-letter queue keeps
 * only where it was in the shard, not the mail. So a schedule also invokes this function every
 * 15 minutes to sweep whatever is still pending: nothing in the outbox is ever left behind.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mailerFrom } from '../shared/adapters/ses.ts';
import { deliverOutbox, pendingOutbox, type Delivery } from '../shared/adapters/outbox.ts';
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
    const [delivery] = await deliver([id]);
    if (delivery?.outcome === 'failed' || delivery?.outcome === 'busy') {
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      // Lambda retries from the first failure onwards; later records come again anyway.
      break;
    }
  }
  return { batchItemFailures };
});

/** Delivers through the outbox and counts what was sent and what failed. */
async function deliver(ids: string[]): Promise<Delivery[]> {
  const deliveries = await deliverOutbox(deps, ids);
  for (const { id, outcome } of deliveries) {
    if (outcome === 'sent') pipelineMetrics.mailSent(id.split('#')[0]);
    if (outcome === 'failed') pipelineMetrics.mailFailed();
  }
  return deliveries;
}

/** Sends what is still pending; throws when some of it failed, so the Errors alarm sees it. */
async function sweep(): Promise<DynamoDBBatchResponse> {
  const pending = await pendingOutbox(db, 100);
  const deliveries = await deliver(pending);
  const failed = deliveries.filter((delivery) => delivery.outcome === 'failed').length;
  logger.info('outbox sweep', { pending: pending.length, failed });
  if (failed > 0) throw new Error(`outbox sweep: ${failed} of ${pending.length} items could not be sent`);
  return { batchItemFailures: [] };
}
