/**
 * Erases one person: every item their `EMAIL#<hash>` lookup items point at, then the lookups.
 * Personal answers live in their own `RESP#<id>` / `PERSONAL` item, so the response's other
 * answers and every aggregate counter stay. An invitee item is keyed by the email hash, so it is
 * deleted whole, with the personal links (`INVITE#<tokenHash>`) that name it. Each of their
 * responses' idempotency records becomes a tombstone, so reusing its submissionId reveals nothing.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { emptyReport, targetOf, type ErasureReport } from '../../core/erase.ts';
import { emailHash } from '../../core/tokens.ts';
import { getItem, orStoreUnavailable, queryAll, scanPages, type Db, type Item } from './client.ts';
import { keys, partitions, prefixes, type ItemKey } from './keys.ts';
import { table } from './table.ts';

/** Deletes one item; whether it was there. */
async function deleteIfPresent(db: Db, key: ItemKey): Promise<boolean> {
  const { Attributes: old } = await orStoreUnavailable(() =>
    db.documents.send(new DeleteCommand({ TableName: db.tableName, Key: key, ReturnValues: 'ALL_OLD' })),
  );
  return old !== undefined;
}

/** The sort keys of every item in one partition. */
async function sortKeysInPartition(db: Db, partition: string): Promise<string[]> {
  const items = await queryAll(db, { partition, consistent: true });
  return items.map((item) => item[table.sortKey] as string);
}

/** Invitee keys per scan: each becomes one value of the filter's IN list (at most 100). */
const INVITEES_PER_SCAN = 50;

/**
 * Personal links are keyed by a token hash that cannot be derived from the invitee, so they are
 * found by a filtered scan. Erasure is rare and the scan reads keys and one attribute only.
 */
async function scanInviteLinksOf(db: Db, inviteeKeys: string[]): Promise<Item[]> {
  const found: Item[] = [];
  for (let index = 0; index < inviteeKeys.length; index += INVITEES_PER_SCAN) {
    const chunk = inviteeKeys.slice(index, index + INVITEES_PER_SCAN);
    const values = Object.fromEntries(chunk.map((inviteeKey, at) => [`:i${at}`, inviteeKey]));
    const pages = scanPages(db, {
      ProjectionExpression: '#pk, #sk',
      FilterExpression: `begins_with(#pk, :invite) AND invitee IN (${Object.keys(values).join(', ')})`,
      ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey },
      ExpressionAttributeValues: { ':invite': prefixes.invite, ...values },
    });
    for await (const items of pages) found.push(...items);
  }
  return found;
}

/** Deletes in flight at once: erasure finishes in seconds, well under the table's throughput. */
const DELETE_CONCURRENCY = 8;

/** Deletes each key (boundedly concurrently); how many were there. */
async function deleteAll(db: Db, itemKeys: ItemKey[]): Promise<number> {
  const deleted = await pMap(itemKeys, (key) => deleteIfPresent(db, key), {
    concurrency: DELETE_CONCURRENCY,
  });
  return deleted.filter(Boolean).length;
}

export type EraseOptions = {
  now: Date;
  /** Unix seconds: tombstones expire with the personal data's retention (DynamoDB TTL). */
  expiresAt: number;
};

/**
 * Replaces a response's idempotency record (answer hash and receipt) with a tombstone: a post
 * reusing its submissionId is then answered 410 `erased`, never with the old receipt, and no hash
 * of the erased answers is left to test guesses against. Idempotent, so a rerun can redo it.
 */
async function tombstone(db: Db, responseId: string, options: EraseOptions): Promise<void> {
  const response = await getItem(db, keys.response(responseId));
  const surveyId = response?.surveyId as string | undefined;
  const submissionId = response?.submissionId as string | undefined;
  if (!surveyId || !submissionId) return;
  await orStoreUnavailable(() =>
    db.documents.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.submission(surveyId, submissionId),
          erasedAt: options.now.toISOString(),
          [table.ttlAttribute]: options.expiresAt,
        },
      }),
    ),
  );
}

export async function eraseByEmail(db: Db, address: string, options: EraseOptions): Promise<ErasureReport> {
  const hash = emailHash(address);
  const report = emptyReport();
  const references = await sortKeysInPartition(db, partitions.emailLookups(hash));
  const responseIds: string[] = [];
  const inviteeKeys: string[] = [];
  for (const reference of references) {
    const target = targetOf(reference);
    if (target.kind === 'unknown') report.unknown++;
    else if (target.kind === 'response') responseIds.push(target.responseId);
    else inviteeKeys.push(target.inviteeKey);
  }
  report.responses = await deleteAll(db, responseIds.map(keys.personal));
  if (inviteeKeys.length > 0) {
    const answered = await pMap(
      inviteeKeys,
      async (inviteeKey) => (await getItem(db, keys.invitee(inviteeKey)))?.responseId,
      {
        concurrency: DELETE_CONCURRENCY,
      },
    );
    for (const responseId of answered) if (typeof responseId === 'string') responseIds.push(responseId);
    report.inviteLinks = await deleteAll(db, (await scanInviteLinksOf(db, inviteeKeys)).map(keys.of));
    report.invitees = await deleteAll(db, inviteeKeys.map(keys.invitee));
  }
  await pMap(responseIds, (responseId) => tombstone(db, responseId, options), {
    concurrency: DELETE_CONCURRENCY,
  });
  // The daily receipt quota is keyed by the address's hash itself.
  const days = await sortKeysInPartition(db, partitions.receiptQuota(hash));
  await deleteAll(
    db,
    days.map((day) => keys.receiptQuota(hash, day)),
  );
  // The lookups go last: an erase interrupted halfway can simply be run again.
  const known = references.filter((reference) => targetOf(reference).kind !== 'unknown');
  report.lookups = await deleteAll(
    db,
    known.map((reference) => keys.emailLookup(hash, reference)),
  );
  return report;
}
