/**
 * The DynamoDB side of the store: the client with timeouts, the error that means "try again
 * later", bounded retries of transaction conflicts, and attribute helpers.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ResourceInUseException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { localCredentials, type Config } from '../config.ts';
import { table } from './table.ts';

export type StoreOptions = {
  tableName: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export type Db = { client: DynamoDBClient; tableName: string };

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
    maxAttempts: 2,
  });
  return { client, tableName: options.tableName };
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
 * with full jitter, then give up as unavailable. A failed condition is the caller's to interpret.
 */
export async function transact<T>(write: () => Promise<T>, wait: Sleep = sleep): Promise<T> {
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
      throw unavailable(error);
    }
  }
}

/**
 * Wraps a failure that a retry can cure so it surfaces as "unavailable, retry", keeping the cause
 * for logs. Anything else (a ValidationException, say) is a bug: passed on as it is, it is logged
 * as one and answered 500, not dressed up as an outage that clients retry forever.
 */
export function unavailable(error: unknown): Error {
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

/** Runs one storage call, turning any failure into StoreUnavailableError. */
export async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw unavailable(error);
  }
}

export type Item = Record<string, AttributeValue>;
export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });
export const str = (item: Item | undefined, name: string): string | undefined => item?.[name]?.S;
export const num = (item: Item | undefined, name: string): number | undefined =>
  item?.[name]?.N === undefined ? undefined : Number(item[name].N);
export const key = (pk: string, sk: string): Item => ({
  [table.partitionKey]: S(pk),
  [table.sortKey]: S(sk),
});

export type PartitionQuery = {
  /** The partition key value: of the table, or of GSI1 when `index` is set. */
  partition: string;
  index?: boolean;
  /** Only sort keys between these two (inclusive). */
  between?: [string, string];
  consistent?: boolean;
  pageSize?: number;
};

/** One item by its key: a strongly consistent read unless told otherwise. */
export async function readItem(db: Db, itemKey: Item, consistent = true): Promise<Item | undefined> {
  const { Item: item } = await call(() =>
    db.client.send(new GetItemCommand({ TableName: db.tableName, Key: itemKey, ConsistentRead: consistent })),
  );
  return item;
}

/** Every page of one partition, in sort-key order (one place for DynamoDB's pagination). */
export async function* partitionPages(db: Db, query: PartitionQuery): AsyncGenerator<Item[]> {
  const partitionKey = query.index ? table.index.partitionKey : table.partitionKey;
  const sortKey = query.index ? table.index.sortKey : table.sortKey;
  let start: Item | undefined;
  do {
    const page = await call(() =>
      db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          ...(query.index && { IndexName: table.index.name }),
          KeyConditionExpression: query.between ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
          ExpressionAttributeNames: { '#pk': partitionKey, ...(query.between && { '#sk': sortKey }) },
          ExpressionAttributeValues: {
            ':pk': S(query.partition),
            ...(query.between && { ':from': S(query.between[0]), ':to': S(query.between[1]) }),
          },
          ...(query.consistent && { ConsistentRead: true }),
          ...(query.pageSize && { Limit: query.pageSize }),
          ...(start && { ExclusiveStartKey: start }),
        }),
      ),
    );
    if (page.Items?.length) yield page.Items;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item of one partition. */
export async function partitionItems(db: Db, query: PartitionQuery): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of partitionPages(db, query)) items.push(...page);
  return items;
}

/** Reads every numeric attribute of an item except the keys (a counter bucket). */
export function numbers(item: Item | undefined): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item ?? {}))
    if (value.N !== undefined) counters[name] = Number(value.N);
  return counters;
}

/**
 * An update expression that adds each counter (`ADD #c0 :c0, #c1 :c1`). Names go through
 * expression attribute names, so any question id or option value is safe.
 */
export function addCounters(counters: Record<string, number>, prefix = 'c') {
  const names: Record<string, string> = {};
  const values: Item = {};
  const parts = Object.entries(counters).map(([name, by], index) => {
    names[`#${prefix}${index}`] = name;
    values[`:${prefix}${index}`] = N(by);
    return `#${prefix}${index} :${prefix}${index}`;
  });
  return { expression: `ADD ${parts.join(', ')}`, names, values };
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
