/**
 * Reads a survey's responses page by page for the export: a Query of the survey's index
 * partition (oldest first) and one batch read of the page's personal items, so only one page is
 * held in memory at a time.
 */
import type { Answers } from '../../core/validation.ts';
import { BATCH_GET_LIMIT, batchGetPages, queryPages, type Db } from './client.ts';
import { indexKeys, keys, responseIdOf } from './keys.ts';
import { responseOf, type StoredResponse } from './responses.ts';
import { table } from './table.ts';

export type ExportPage = { response: StoredResponse; personal: Answers | undefined }[];

export async function* responsePages(
  db: Db,
  surveyId: string,
  pageSize = BATCH_GET_LIMIT,
): AsyncGenerator<ExportPage> {
  const pages = queryPages(db, {
    partition: indexKeys.responses(surveyId),
    index: true,
    // One page's personal items are one batch read.
    pageSize: Math.min(pageSize, BATCH_GET_LIMIT),
  });
  for await (const items of pages) {
    const responses = items.map(responseOf);
    const personal = await personalAnswersOf(
      db,
      responses.map((response) => response.responseId),
    );
    yield responses.map((response) => ({ response, personal: personal.get(response.responseId) }));
  }
}

/** The personal answers of each response that has any, by response id. */
async function personalAnswersOf(db: Db, responseIds: string[]): Promise<Map<string, Answers>> {
  const found = new Map<string, Answers>();
  const pages = batchGetPages(
    db,
    responseIds.map((responseId) => keys.personal(responseId)),
    { consistent: true },
  );
  for await (const items of pages) {
    for (const item of items) {
      if (typeof item.answers === 'string')
        found.set(responseIdOf(item[table.partitionKey] as string), JSON.parse(item.answers) as Answers);
    }
  }
  return found;
}
