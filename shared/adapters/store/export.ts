/**
 * Reads a survey's responses page by page for the export: a Query of the survey's index
 * partition (oldest first) and one batch read of the page's personal items, so only one page is
 * held in memory at a time.
 */
import { BatchGetItemCommand, type KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { Answers } from '../../core/validation.ts';
import { call, partitionPages, str, type Db } from './client.ts';
import { indexKeys, keys, responseOf, type StoredResponse } from './responses.ts';
import { table } from './table.ts';

export type ExportPage = { response: StoredResponse; personal: Answers | undefined }[];

/** BatchGetItem reads at most 100 keys per call. */
const PAGE_SIZE = 100;

export async function* responsePages(
  db: Db,
  surveyId: string,
  pageSize = PAGE_SIZE,
): AsyncGenerator<ExportPage> {
  const pages = partitionPages(db, {
    partition: indexKeys.responses(surveyId),
    index: true,
    pageSize: Math.min(pageSize, PAGE_SIZE),
  });
  for await (const items of pages) {
    const responses = items.map(responseOf);
    const personal = await personalOf(
      db,
      responses.map((response) => response.responseId),
    );
    yield responses.map((response) => ({ response, personal: personal.get(response.responseId) }));
  }
}

async function personalOf(db: Db, responseIds: string[]): Promise<Map<string, Answers>> {
  const found = new Map<string, Answers>();
  let request: Record<string, KeysAndAttributes> | undefined = {
    [db.tableName]: {
      Keys: responseIds.map((responseId) => keys.personal(responseId)),
      ConsistentRead: true,
    },
  };
  while (request && Object.keys(request).length > 0) {
    const batch = await call(() => db.client.send(new BatchGetItemCommand({ RequestItems: request })));
    for (const item of batch.Responses?.[db.tableName] ?? []) {
      const answers = str(item, 'answers');
      if (answers)
        found.set(str(item, table.partitionKey)!.slice('RESP#'.length), JSON.parse(answers) as Answers);
    }
    request = batch.UnprocessedKeys;
  }
  return found;
}
