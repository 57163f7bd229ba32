/**
 * Responses for the benchmarks: valid centre applications (test/fixtures/answers.ts) turned into
 * the `NewResponse` the submit path stores, and seeding of many stored responses at once.
 *
 * Seeding writes the items the digest and the export read — the response, its personal item,
 * the week's counter buckets and the status counter — with BatchWriteItem instead of one
 * transaction per response, because 100,000 transactions would take DynamoDB Local minutes.
 * `checkItemLayout` compares a seeded response with one the real transaction stored, so the
 * seed cannot drift from shared/adapters/store/responses.ts unnoticed.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../shared/adapters/config.ts';
import { countersFor, sumCounters, type Counters } from '../shared/core/aggregate.ts';
import { submissionHash } from '../shared/core/answers.ts';
import { period, weekOf } from '../shared/core/calendar.ts';
import { questionsOf, type Survey } from '../shared/core/definition.ts';
import type { Db, Item } from '../shared/adapters/store/client.ts';
import { keys } from '../shared/adapters/store/keys.ts';
import { createResponseStore, personalItem, responseItem } from '../shared/adapters/store/responses.ts';
import type { NewResponse } from '../shared/core/submit.ts';
import { emailHash, newResponseId } from '../shared/core/tokens.ts';
import { validateAnswers, type Answers } from '../shared/core/validation.ts';
import { regions } from '../surveys/regions.ts';
import { centreApplication as application } from '../surveys/centre-application.ts';
import { centreApplication } from '../test/fixtures/answers.ts';

export const survey: Survey = application;

/** Valid answers that differ in region and ratings, so counters and rows are not all alike. */
export function answerVariants(): Answers[] {
  return regions.flatMap((region, regionIndex) =>
    [0, 1, 2].map((shift) =>
      centreApplication({
        region: region.slug,
        centreName: `Kompetenscentrum ${regionIndex + 1}-${shift + 1}`,
        courses: [
          {
            name: 'Additiv tillverkning i metall',
            form: 'yh',
            length: 40 - shift,
            lengthUnit: 'veckor',
            participantsPerYear: 24 + shift,
            partnerCompanies: 12 + regionIndex,
          },
        ],
      }),
    ),
  );
}

/** What shared/core/submit.ts hands the store for valid answers, without the HTTP and replay steps. */
export function newResponse(
  answers: Answers,
  options: { submissionId: string; now: Date; retentionUntil: number; responseId?: string },
): NewResponse {
  const validated = validateAnswers(survey, answers, 'sv');
  if (!validated.ok) throw new Error(`bench answers are not valid: ${JSON.stringify(validated.issues)}`);
  const personal: Answers = {};
  const rest: Answers = {};
  const emailHashes: string[] = [];
  for (const question of questionsOf(survey)) {
    const value = validated.answers[question.id];
    if (value === undefined) continue;
    if (!question.personal) rest[question.id] = value;
    else {
      personal[question.id] = value;
      if (question.personal === 'email' && typeof value === 'string') emailHashes.push(emailHash(value));
    }
  }
  const region = survey.regionQuestion ? validated.answers[survey.regionQuestion] : undefined;
  return {
    survey,
    receipt: {
      responseId: options.responseId ?? newResponseId(),
      submissionId: options.submissionId,
      status: 'received',
    },
    hash: submissionHash(validated.answers, undefined),
    submittedAt: options.now,
    week: weekOf(options.now),
    answers: rest,
    personal: Object.keys(personal).length > 0 ? personal : undefined,
    emailHashes,
    region: typeof region === 'string' ? region : undefined,
    counters: countersFor(survey, validated.answers),
    invitation: undefined,
    expiresAt: options.retentionUntil,
  };
}

/** The response and personal items, as the submit transaction writes them. */
function responseItems(response: NewResponse): Item[] {
  return [responseItem(response), ...(response.personal ? [personalItem(response, response.personal)] : [])];
}

/** Puts items 25 per BatchWriteItem, `parallel` calls at a time, retrying unprocessed items. */
export async function batchWrite(db: Db, items: Item[], parallel = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= items.length) return;
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await db.documents.send(
          new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** A client for seeding only: no request timeout, since a loaded machine may take seconds per batch. */
export function seedingDb(endpoint: string, tableName: string): Db {
  const client = new DynamoDBClient({
    region: 'eu-north-1',
    endpoint,
    credentials: localCredentials,
    maxAttempts: 10,
  });
  return { tableName, client, documents: DynamoDBDocumentClient.from(client) };
}

/**
 * Stores `count` responses spread evenly over `weeks` and, within each week, over the regions, and
 * writes the counter items to exactly what that many submissions would have added. With
 * `storedWeeks`, response items are written only for those weeks (the counters still count every
 * response): the digest reads no response outside its period. Written in chunks, so memory stays
 * small however many responses are seeded.
 */
export async function seedResponses(
  db: Db,
  options: {
    count: number;
    weeks: readonly string[];
    retentionUntil: number;
    storedWeeks?: ReadonlySet<string>;
  },
): Promise<void> {
  const templates = answerVariants().map((answers) =>
    newResponse(answers, { submissionId: '', now: new Date(), retentionUntil: options.retentionUntil }),
  );
  const buckets = new Map<string, { key: Item; counters: Counters }>();
  const weekCount = options.weeks.length;
  const chunk = 5_000;
  for (let from = 0; from < options.count; from += chunk) {
    const items: Item[] = [];
    for (let index = from; index < Math.min(options.count, from + chunk); index++) {
      // Every week gets a response from every region before any region gets a second one, so the
      // smaller dataset already has every counter bucket the larger one has.
      const week = options.weeks[index % weekCount]!;
      const round = Math.floor(index / weekCount);
      const template = templates[(round % regions.length) * 3 + (Math.floor(round / regions.length) % 3)]!;
      const response: NewResponse = {
        ...template,
        receipt: { responseId: newResponseId(), submissionId: randomUUID(), status: 'received' },
        // One second apart within the week, so the index's sort keys are distinct and ordered.
        submittedAt: new Date(period(week).start.getTime() + round * 1000),
        week,
      };
      if (!options.storedWeeks || options.storedWeeks.has(week)) items.push(...responseItems(response));
      for (const region of response.region ? [undefined, response.region] : [undefined]) {
        const id = `${week}#${region ?? ''}`;
        const bucket = buckets.get(id) ?? { key: keys.week(survey.id, week, region), counters: {} };
        bucket.counters = sumCounters([bucket.counters, response.counters]);
        buckets.set(id, bucket);
      }
    }
    await batchWrite(db, items);
  }
  const counterItems: Item[] = [...buckets.values()].map((bucket) => ({
    ...bucket.key,
    ...bucket.counters,
  }));
  counterItems.push({ ...keys.statuses(survey.id), submitted: options.count });
  await batchWrite(db, counterItems);
}

/**
 * Stores one response through the real transaction and one through the seed, and fails if their
 * response or personal items differ in attribute names: the seed must look like real data.
 */
export async function checkItemLayout(db: Db, retentionUntil: number): Promise<void> {
  const [answers] = answerVariants();
  const now = new Date();
  const real = newResponse(answers!, { submissionId: randomUUID(), now, retentionUntil });
  if ((await createResponseStore(db).saveResponse(real)) !== 'stored')
    throw new Error('layout check: not stored');
  const seeded = newResponse(answers!, { submissionId: randomUUID(), now, retentionUntil });
  await batchWrite(db, responseItems(seeded));
  for (const itemKey of [keys.response, keys.personal]) {
    const names = async (responseId: string) => {
      const { Item: item } = await db.documents.send(
        new GetCommand({ TableName: db.tableName, Key: itemKey(responseId), ConsistentRead: true }),
      );
      return Object.keys(item ?? {})
        .sort()
        .join(',');
    };
    const [stored, seed] = [await names(real.receipt.responseId), await names(seeded.receipt.responseId)];
    if (stored !== seed)
      throw new Error(
        `the bench seed no longer matches shared/adapters/store/responses.ts: stored ${stored}, seeded ${seed}`,
      );
  }
}
