/**
 * Erases one person: every item their `EMAIL#<hash>` lookup items point at, then the lookups.
 * Personal answers live in their own `RESP#<id>` / `PERSONAL` item, so the response's other
 * answers and every aggregate counter stay. An invitee item is keyed by the email hash, so it is
 * deleted whole, with the personal links (`INVITE#<tokenHash>`) that name it. Each of their
 * responses' idempotency records becomes a tombstone, so reusing its submissionId reveals nothing.
 */
import { DeleteItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { emptyReport, targetOf, type ErasureReport } from '../../core/erase.ts';
import { emailHash } from '../../core/tokens.ts';
import { call, key, N, partitionItems, readItem, S, str, type Db, type Item } from './client.ts';
import { keys } from './responses.ts';
import { table } from './table.ts';

async function remove(db: Db, itemKey: Item): Promise<boolean> {
  const { Attributes: old } = await call(() =>
    db.client.send(new DeleteItemCommand({ TableName: db.tableName, Key: itemKey, ReturnValues: 'ALL_OLD' })),
  );
  return old !== undefined;
}

/**
 * Replaces a response's idempotency record (answer hash and receipt) with a tombstone: a post
 * reusing its submissionId is then answered 410 `erased`, never with the old receipt, and no hash
 * of the erased answers is left to test guesses against. Idempotent, so a rerun can redo it.
 */
async function tombstone(db: Db, responseId: string, options: EraseOptions): Promise<void> {
  const response = await readItem(db, keys.response(responseId));
  const surveyId = str(response, 'surveyId');
  const submissionId = str(response, 'submissionId');
  if (!surveyId || !submissionId) return;
  await call(() =>
    db.client.send(
      new PutItemCommand({
        TableName: db.tableName,
        Item: {
          ...keys.submission(surveyId, submissionId),
          erasedAt: S(options.now.toISOString()),
          [table.ttlAttribute]: N(options.expiresAt),
        },
      }),
    ),
  );
}

/** The sort keys of every item in one partition. */
async function sortKeysOf(db: Db, partition: string): Promise<string[]> {
  const items = await partitionItems(db, { partition, consistent: true });
  return items.map((item) => str(item, table.sortKey)!);
}

/**
 * Personal links are keyed by a token hash that cannot be derived from the invitee, so they are
 * found by a filtered scan. Erasure is rare and the scan reads keys and one attribute only.
 */
async function inviteLinksOf(db: Db, inviteeKeys: string[]): Promise<Item[]> {
  const found: Item[] = [];
  for (let index = 0; index < inviteeKeys.length; index += 50) {
    const chunk = inviteeKeys.slice(index, index + 50);
    const values = Object.fromEntries(chunk.map((inviteeKey, at) => [`:i${at}`, S(inviteeKey)]));
    let start: Item | undefined;
    do {
      const page = await call(() =>
        db.client.send(
          new ScanCommand({
            TableName: db.tableName,
            ProjectionExpression: '#pk, #sk',
            FilterExpression: `begins_with(#pk, :invite) AND invitee IN (${Object.keys(values).join(', ')})`,
            ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey },
            ExpressionAttributeValues: { ':invite': S('INVITE#'), ...values },
            ...(start && { ExclusiveStartKey: start }),
          }),
        ),
      );
      found.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return found;
}

export type EraseOptions = {
  now: Date;
  /** Unix seconds: tombstones expire with the personal data's retention (DynamoDB TTL). */
  expiresAt: number;
};

export async function eraseByEmail(db: Db, address: string, options: EraseOptions): Promise<ErasureReport> {
  const hash = emailHash(address);
  const report = emptyReport();
  const references = await sortKeysOf(db, `EMAIL#${hash}`);
  const inviteeKeys: string[] = [];
  for (const reference of references) {
    const target = targetOf(reference);
    if (target.kind === 'unknown') {
      report.unknown++;
      continue;
    }
    if (target.kind === 'response') {
      await tombstone(db, target.responseId, options);
      if (await remove(db, keys.personal(target.responseId))) report.responses++;
    } else {
      inviteeKeys.push(target.inviteeKey);
    }
  }
  if (inviteeKeys.length > 0) {
    for (const inviteeKey of inviteeKeys) {
      const responseId = str(await readItem(db, keys.invitee(inviteeKey)), 'responseId');
      if (responseId) await tombstone(db, responseId, options);
    }
    for (const link of await inviteLinksOf(db, inviteeKeys)) {
      if (await remove(db, key(str(link, table.partitionKey)!, str(link, table.sortKey)!)))
        report.inviteLinks++;
    }
    for (const inviteeKey of inviteeKeys) if (await remove(db, keys.invitee(inviteeKey))) report.invitees++;
  }
  // The daily receipt quota is keyed by the address's hash itself.
  for (const day of await sortKeysOf(db, `RECEIPTS#${hash}`)) await remove(db, key(`RECEIPTS#${hash}`, day));
  // The lookups go last: an erase interrupted halfway can simply be run again.
  for (const reference of references) {
    if (targetOf(reference).kind === 'unknown') continue;
    if (await remove(db, key(`EMAIL#${hash}`, reference))) report.lookups++;
  }
  return report;
}
