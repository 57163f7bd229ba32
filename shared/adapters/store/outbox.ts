/**
 * The outbox item's life in the table: claimed with a lease (the send recorded before it is made),
 * released to be due again, finished, or set aside on the held index for `skc outbox`. Each step is
 * a conditional update, so two deliverers never both send an item; shared/adapters/outbox.ts
 * decides which step follows a send.
 *
 * The pending index's sort key is when the item is next due (`<ISO time>#<id>`), so the sweep reads
 * only items due now.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Answers } from '../../core/validation.ts';
import { getItem, orStoreUnavailable, type Db, type Item } from './client.ts';
import { count, text, updateIfConditionHolds } from './items.ts';
import { indexKeys, keys, outboxIdOf } from './keys.ts';
import { table } from './table.ts';

/** How long a claim keeps others off an item; well over one SES call (10 s request timeout). */
const LEASE_MS = 60_000;

export async function personalOf(db: Db, responseId: string): Promise<Answers | undefined> {
  const item = await getItem(db, keys.personal(responseId));
  const answers = text(item, 'answers');
  return answers ? (JSON.parse(answers) as Answers) : undefined;
}

const FINISHED = ['sentAt', 'skippedAt', 'failedAt', 'uncertainAt'] as const;

export function isFinished(item: Item): boolean {
  return FINISHED.some((name) => item[name] !== undefined);
}

export async function isDone(db: Db, id: string): Promise<boolean> {
  const item = await getItem(db, keys.outbox(id));
  return !item || isFinished(item);
}

const open = `attribute_exists(${table.partitionKey}) AND ${FINISHED.map((name) => `attribute_not_exists(${name})`).join(' AND ')}`;
export const dueKey = (at: Date, id: string) => `${at.toISOString()}#${id}`;

/**
 * Claims the item to send it, recording the send before it is made (`sendingAt`), and moves it in
 * the pending index to the end of the lease, where the sweep does not look until the lease ends.
 */
export function claim(db: Db, id: string, now: Date): Promise<boolean> {
  const until = now.getTime() + LEASE_MS;
  return updateIfConditionHolds(db, {
    Key: keys.outbox(id),
    UpdateExpression: 'SET claimedUntil = :until, sendingAt = :now, #gsiSk = :due',
    ConditionExpression: `${open} AND attribute_not_exists(sendingAt) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :nowMs)`,
    ExpressionAttributeNames: { '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: {
      ':until': until,
      ':now': now.toISOString(),
      ':nowMs': now.getTime(),
      ':due': dueKey(new Date(until), id),
    },
  });
}

/**
 * Gives the claim back (nothing was sent): pending again, due at `dueAt`; after a passing refusal,
 * with the attempts so far and the refusal.
 */
export async function release(
  db: Db,
  id: string,
  dueAt: Date,
  failure?: { attempts: number; reason: string },
): Promise<void> {
  const attempts = failure?.attempts;
  const reason = failure?.reason;
  await updateIfConditionHolds(db, {
    Key: keys.outbox(id),
    UpdateExpression: `SET #gsiSk = :due${attempts === undefined ? '' : ', attempts = :attempts, lastFailure = :reason'} REMOVE claimedUntil, sendingAt`,
    ConditionExpression: open,
    ExpressionAttributeNames: { '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: {
      ':due': dueKey(dueAt, id),
      ...(attempts !== undefined && { ':attempts': attempts, ':reason': reason ?? '' }),
    },
  });
}

/**
 * Ends an item as failed or uncertain and moves it to the held index that `skc outbox` lists.
 * `lapsedOnly`: only if the claim it was found with has really lapsed (another deliverer's).
 */
export async function setAside(
  db: Db,
  id: string,
  item: Item,
  { state, reason, at: now }: { state: 'failed' | 'uncertain'; reason: string; at: Date },
  options: { lapsedOnly: boolean },
): Promise<void> {
  const at = state === 'failed' ? 'failedAt' : 'uncertainAt';
  await updateIfConditionHolds(db, {
    Key: keys.outbox(id),
    UpdateExpression: `SET ${at} = :at, failure = :reason, #gsiPk = :held, #gsiSk = :heldKey REMOVE claimedUntil`,
    ConditionExpression: options.lapsedOnly ? `${open} AND claimedUntil = :claimed` : open,
    ExpressionAttributeNames: { '#gsiPk': table.index.partitionKey, '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: {
      ':at': now.toISOString(),
      ':reason': reason,
      ':held': indexKeys.outboxHeld,
      ':heldKey': dueKey(now, id),
      ...(options.lapsedOnly && { ':claimed': count(item, 'claimedUntil') ?? 0 }),
    },
  });
}

/** Marks the item done and takes it out of the pending index, so no poller sees it again. */
export async function finish(db: Db, id: string, set: string, values: Item): Promise<void> {
  await updateIfConditionHolds(db, {
    Key: keys.outbox(id),
    UpdateExpression: `${set} REMOVE claimedUntil, sendingAt, #gsiPk, #gsiSk`,
    ConditionExpression: open,
    ExpressionAttributeNames: { '#gsiPk': table.index.partitionKey, '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: values,
  });
}

/**
 * Pending outbox ids due now (the pending index is eventually consistent; delivery re-checks).
 * Claimed items and items waiting out a backoff sort after now, so they are not read at all.
 */
export async function pendingOutbox(
  db: Db,
  limit = 25,
  options: { now?: Date; startAfter?: Item } = {},
): Promise<{ ids: string[]; next?: Item }> {
  const now = options.now ?? new Date();
  const page = await orStoreUnavailable(() =>
    db.documents.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: table.index.name,
        KeyConditionExpression: '#pk = :pk AND #sk < :due',
        ExpressionAttributeNames: { '#pk': table.index.partitionKey, '#sk': table.index.sortKey },
        // `~` sorts after `#`: every item due at or before this instant.
        ExpressionAttributeValues: { ':pk': indexKeys.outbox, ':due': `${now.toISOString()}~` },
        Limit: limit,
        ...(options.startAfter && { ExclusiveStartKey: options.startAfter }),
      }),
    ),
  );
  const ids = (page.Items ?? [])
    .map((item) => outboxIdOf(text(item, table.partitionKey)))
    .filter((id): id is string => !!id);
  return { ids, ...(page.LastEvaluatedKey && { next: page.LastEvaluatedKey }) };
}
