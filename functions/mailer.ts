/**
 * The mailer job: fed by the table's stream, it sends the mail of each new outbox item (receipts,
 * decisions). Records that are not outbox inserts are ignored. A failed item is reported back as
 * a batch item failure, so Lambda retries from it; items already sent are never sent again.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mailerFrom } from '../shared/mail/send.ts';
import { deliverOutbox, outboxIdOf } from '../shared/outbox.ts';
import { table } from '../shared/store/table.ts';
import { wire } from './wiring.ts';

const { config, db, getSurvey } = wire();
const mailer = mailerFrom(config);
const deps = { db, mailer, getSurvey, publicUrl: config.SKC_PUBLIC_URL, now: () => new Date() };

function outboxIdOfRecord(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  return outboxIdOf(record.dynamodb?.Keys?.[table.partitionKey]?.S);
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const id = outboxIdOfRecord(record);
    if (!id) continue;
    const [delivery] = await deliverOutbox(deps, [id]);
    if (delivery?.outcome === 'failed' || delivery?.outcome === 'busy') {
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      // Lambda retries from the first failure onwards; later records come again anyway.
      break;
    }
  }
  return { batchItemFailures };
};
