/**
 * Reads a survey's responses page by page for the export: a Query of the survey's index
 * partition (oldest first) and one batch read of the page's personal items, so only one page is
 * held in memory at a time.
 */
import { BatchGetItemCommand, QueryCommand, type KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { Answers } from '../validation.ts';
import { call, str, S, type Db, type Item } from './client.ts';
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
  let start: Item | undefined;
  do {
    const page = await call(() =>
      db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: table.index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': table.index.partitionKey },
          ExpressionAttributeValues: { ':pk': S(indexKeys.responses(surveyId)) },
          Limit: Math.min(pageSize, PAGE_SIZE),
          ...(start && { ExclusiveStartKey: start }),
        }),
      ),
    );
    const responses = (page.Items ?? []).map(responseOf);
    if (responses.length > 0) {
      const personal = await personalOf(
        db,
        responses.map((response) => response.responseId),
      );
      yield responses.map((response) => ({ response, personal: personal.get(response.responseId) }));
    }
    start = page.LastEvaluatedKey;
  } while (start);
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
