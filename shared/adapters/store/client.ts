/**
 * The DynamoDB side of the store: the clients (the document client for every read and write, the
 * plain client beneath it for the table itself), the error that means "try again later", bounded
 * retries of transaction conflicts, and the few helpers every store module shares. Keys are built
 * in `keys.ts`, never here or in a store module.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  paginatedBatchGet,
  paginateScan,
  TransactWriteCommand,
  paginateQuery,
  type NativeAttributeValue,
  type QueryCommandInput,
  type ScanCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { localCredentials, type Config } from '../config.ts';
import type { ItemKey } from './keys.ts';
import { table } from './table.ts';

export type StoreOptions = {
  tableName: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export type Db = {
  /** Every read and write of items: plain JavaScript values in, plain values out. */
  documents: DynamoDBDocumentClient;
  /** The low-level client beneath it: the table itself (ensureTable), and what tests inspect raw. */
  client: DynamoDBClient;
  tableName: string;
};

/** An item as the document client reads and writes it. */
export type Item = Record<string, NativeAttributeValue>;

/** One write of a TransactWrite (Put, Update, Delete or ConditionCheck). */
export type TransactionWrite = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The table as configured: AWS's own, or DynamoDB Local when an endpoint is set. */
export function dbFrom(config: Pick<Config, 'SKC_TABLE_NAME' | 'AWS_REGION' | 'SKC_DYNAMODB_ENDPOINT'>): Db {
  return createDb({
    tableName: config.SKC_TABLE_NAME,
    region: config.AWS_REGION,
    ...(config.SKC_DYNAMODB_ENDPOINT && {
      endpoint: config.SKC_DYNAMODB_ENDPOINT,
      credentials: localCredentials,
    }),
  });
}

export function createDb(options: StoreOptions): Db {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint && { endpoint: options.endpoint }),
    ...(options.credentials && { credentials: options.credentials }),
    // The SDK has no request timeout by default (and only warns unless told to throw): a hung
    // store would hang the caller until Lambda kills it, a 5xx. Two attempts of at most 2 s keep
    // a hung store a retryable 503 well inside the functions' 10 s timeout.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
    // The SDK's own retries (throttling, 5xx, timeouts) with its backoff: no loops of our own.
    retryMode: 'standard',
    maxAttempts: 2,
  });
  const documents = DynamoDBDocumentClient.from(client, {
    // An optional field left undefined is simply not stored; a class instance (a Date) is a bug.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { documents, client, tableName: options.tableName };
}

/** Storage could not answer; the caller may retry. Maps to 503 with Retry-After. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** A transaction was cancelled by one of its conditions (not by contention). */
export class ConditionFailedError extends Error {
  override name = 'ConditionFailedError';
  readonly reasons: (CancellationReason | undefined)[];
  constructor(reasons: (CancellationReason | undefined)[]) {
    super('A condition of the transaction failed');
    this.reasons = reasons;
  }
  /** Whether the condition of the transaction's item at `index` failed. */
  failedAt(index: number): boolean {
    return this.reasons[index]?.Code === 'ConditionalCheckFailed';
  }
}

const RETRYABLE_CODES = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);
const CONFLICT_ATTEMPTS = 5;

export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transactional write. On AWS, concurrent transactions on one aggregate item cancel each
 * other (`TransactionConflict`) and the SDK does not retry that: we do, a bounded number of times
 * with full jitter, then give up as unavailable. A failed condition comes back as
 * ConditionFailedError, the caller's to interpret.
 */
export async function retryTransactionConflicts<T>(write: () => Promise<T>, wait: Sleep = sleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const contended = reasons.some((reason) => reason.Code && RETRYABLE_CODES.has(reason.Code));
        if (!contended && reasons.some((reason) => reason.Code === 'ConditionalCheckFailed'))
          throw new ConditionFailedError(reasons);
        if (contended && attempt < CONFLICT_ATTEMPTS) {
          await wait(Math.random() * 25 * 2 ** attempt);
          continue;
        }
      }
      throw classifyStoreFailure(error);
    }
  }
}

/** Sends one TransactWrite of `writes`, retrying conflicts (see retryTransactionConflicts). */
export function writeTransaction(db: Db, writes: TransactionWrite[]): Promise<unknown> {
  return retryTransactionConflicts(() =>
    db.documents.send(new TransactWriteCommand({ TransactItems: writes })),
  );
}

/**
 * Wraps a failure that a retry can cure so it surfaces as "unavailable, retry", keeping the cause
 * for logs. Anything else (a ValidationException, say) is a bug: passed on as it is, it is logged
 * as one and answered 500, not dressed up as an outage that clients retry forever.
 */
export function classifyStoreFailure(error: unknown): Error {
  if (error instanceof StoreUnavailableError || error instanceof ConditionFailedError) return error;
  if (isTransient(error)) return new StoreUnavailableError('Storage is unavailable', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionCanceledException',
  'TransactionInProgressException',
]);

/** Whether a retry can cure it: no answer at all (refused, reset, timed out), a 5xx, throttling. */
function isTransient(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = failure.$metadata?.httpStatusCode;
  return (
    status === undefined ||
    status >= 500 ||
    failure.$retryable !== undefined ||
    TRANSIENT_NAMES.has(failure.name ?? '')
  );
}

/** Runs one storage call; a failure a retry can cure comes out as StoreUnavailableError. */
export async function orStoreUnavailable<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw classifyStoreFailure(error);
  }
}

/** Whether a single-item write failed its ConditionExpression (directly or as the cause). */
export function isConditionFailure(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  return (
    error instanceof ConditionFailedError ||
    (error as Error | undefined)?.name === 'ConditionalCheckFailedException' ||
    (cause as Error | undefined)?.name === 'ConditionalCheckFailedException'
  );
}

export type PartitionQuery = {
  /** The partition key value: of the table, or of GSI1 when `index` is set. */
  partition: string;
  index?: boolean;
  /** Only sort keys between these two (inclusive). */
  between?: [string, string];
  /** Only sort keys that start with this. */
  beginsWith?: string;
  consistent?: boolean;
  pageSize?: number;
};

/** One item by its key: a strongly consistent read unless told otherwise. */
export async function getItem(db: Db, key: ItemKey, consistent = true): Promise<Item | undefined> {
  const { Item: item } = await orStoreUnavailable(() =>
    db.documents.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent })),
  );
  return item;
}

function queryInput(db: Db, query: PartitionQuery): QueryCommandInput {
  const partitionKey = query.index ? table.index.partitionKey : table.partitionKey;
  const sortKey = query.index ? table.index.sortKey : table.sortKey;
  const sortCondition = query.between
    ? ' AND #sk BETWEEN :from AND :to'
    : query.beginsWith !== undefined
      ? ' AND begins_with(#sk, :prefix)'
      : '';
  return {
    TableName: db.tableName,
    ...(query.index && { IndexName: table.index.name }),
    KeyConditionExpression: `#pk = :pk${sortCondition}`,
    ExpressionAttributeNames: { '#pk': partitionKey, ...(sortCondition && { '#sk': sortKey }) },
    ExpressionAttributeValues: {
      ':pk': query.partition,
      ...(query.between && { ':from': query.between[0], ':to': query.between[1] }),
      ...(!query.between && query.beginsWith !== undefined && { ':prefix': query.beginsWith }),
    },
    ...(query.consistent && { ConsistentRead: true }),
  };
}

/** Every page of one partition, in sort-key order, through the SDK's query paginator. */
export async function* queryPages(db: Db, query: PartitionQuery): AsyncGenerator<Item[]> {
  const pages = paginateQuery(
    { client: db.documents, ...(query.pageSize && { pageSize: query.pageSize }) },
    queryInput(db, query),
  );
  yield* pagesOf(pages, (page) => page.Items);
}

/** Every page of a filtered scan, through the SDK's scan paginator (for rare jobs: erasure). */
export function scanPages(db: Db, input: Omit<ScanCommandInput, 'TableName'>): AsyncGenerator<Item[]> {
  return pagesOf(
    paginateScan({ client: db.documents }, { TableName: db.tableName, ...input }),
    (page) => page.Items,
  );
}

/** Every item of one partition, in sort-key order. */
export async function queryAll(db: Db, query: PartitionQuery): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(db, query)) items.push(...page);
  return items;
}

/** BatchGetItem reads at most 100 keys per call. */
export const BATCH_GET_LIMIT = 100;

/**
 * The items at `itemKeys` (any number, missing ones left out), a page per BatchGetItem of at most
 * 100 keys; the SDK's batch-get paginator asks again for keys DynamoDB left unprocessed.
 */
export async function* batchGetPages(
  db: Db,
  itemKeys: ItemKey[],
  options: { projection?: string; consistent?: boolean } = {},
): AsyncGenerator<Item[]> {
  for (let index = 0; index < itemKeys.length; index += BATCH_GET_LIMIT) {
    const batches = paginatedBatchGet(
      { client: db.documents },
      {
        RequestItems: {
          [db.tableName]: {
            Keys: itemKeys.slice(index, index + BATCH_GET_LIMIT),
            ...(options.projection && { ProjectionExpression: options.projection }),
            ...(options.consistent && { ConsistentRead: true }),
          },
        },
      },
    );
    yield* pagesOf(batches, (batch) => batch.Responses?.[db.tableName]);
  }
}

/** Walks an SDK paginator, yielding each page's non-empty items; a failure becomes StoreUnavailableError. */
async function* pagesOf<Page>(
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => Item[] | undefined,
): AsyncGenerator<Item[]> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    const next = await orStoreUnavailable(() => iterator.next());
    if (next.done) return;
    const items = itemsOf(next.value);
    if (items?.length) yield items;
  }
}

/** The numeric attributes of a counter item (its keys are strings, so they drop out). */
export function countersOf(item: Item | undefined): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item ?? {}))
    if (typeof value === 'number') counters[name] = value;
  return counters;
}

/**
 * A transaction write that adds each counter to the item at `key` (`ADD #c0 :c0, #c1 :c1`).
 * Names go through expression attribute names, so any question id or option value is safe.
 */
export function addCountersWrite(
  tableName: string,
  key: ItemKey,
  counters: Record<string, number>,
): TransactionWrite {
  const names: Record<string, string> = {};
  const values: Item = {};
  const parts = Object.entries(counters).map(([name, by], index) => {
    names[`#c${index}`] = name;
    values[`:c${index}`] = by;
    return `#c${index} :c${index}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Creates the table as `table.ts` describes it, if it does not exist (local runtime, tests). */
export async function ensureTable(db: Db): Promise<void> {
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await db.client.send(
      new CreateTableCommand({
        TableName: db.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: table.partitionKey, AttributeType: 'S' },
          { AttributeName: table.sortKey, AttributeType: 'S' },
          { AttributeName: table.index.partitionKey, AttributeType: 'S' },
          { AttributeName: table.index.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: table.index.name,
            KeySchema: [
              { AttributeName: table.index.partitionKey, KeyType: 'HASH' },
              { AttributeName: table.index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    await db.client.send(
      new UpdateTimeToLiveCommand({
        TableName: db.tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
