/**
 * Invitations in DynamoDB. A person invited to a survey is one `INVITEE#<survey>#<emailHash>`
 * item (their contact details, when invited, reminded and answered); each personal link is an
 * `INVITE#<tokenHash>` item pointing at it. Only the token's hash is stored. Answering marks the
 * invitee in the submit transaction, so a second answer is refused whichever link it uses.
 * Invitees are listed per survey through GSI1 (`INVITEES#<survey>` → invitedAt#emailHash).
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { emailHash, normaliseEmail, tokenHash } from '../../core/tokens.ts';
import {
  addCountersWrite,
  ConditionFailedError,
  getItem,
  orStoreUnavailable,
  queryAll,
  writeTransaction,
  type Db,
  type Item,
} from './client.ts';
import { indexKeys, inviteeKey, keys } from './keys.ts';
import { table } from './table.ts';

export type Invitee = {
  surveyId: string;
  email: string;
  organisation: string;
  region?: string;
  name?: string;
};

/**
 * Creates an invitee with its first personal link, counting it as invited (by region too).
 * Returns false, writing nothing, when that person is already invited to the survey.
 */
export async function createInvitation(
  db: Db,
  invitee: Invitee,
  token: string,
  options: { now: Date; expiresAt: number },
): Promise<boolean> {
  const TableName = db.tableName;
  const invitedAt = options.now.toISOString();
  const inviteeId = inviteeKey(invitee.surveyId, invitee.email);
  const hash = emailHash(invitee.email);
  try {
    await writeTransaction(db, [
      {
        Put: {
          TableName,
          Item: {
            ...keys.invitee(inviteeId),
            surveyId: invitee.surveyId,
            email: normaliseEmail(invitee.email),
            organisation: invitee.organisation,
            ...(invitee.region && { region: invitee.region }),
            ...(invitee.name && { name: invitee.name }),
            invitedAt: invitedAt,
            [table.ttlAttribute]: options.expiresAt,
            [table.index.partitionKey]: indexKeys.invitees(invitee.surveyId),
            [table.index.sortKey]: `${invitedAt}#${hash}`,
          },
          ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
        },
      },
      {
        Put: {
          TableName,
          Item: linkItem({ ...invitee, key: inviteeId }, token, options.now, options.expiresAt),
          ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
        },
      },
      {
        Put: {
          TableName,
          Item: { ...keys.emailLookup(hash, inviteeId), [table.ttlAttribute]: options.expiresAt },
        },
      },
      addCountersWrite(TableName, keys.invites(invitee.surveyId), {
        invited: 1,
        ...(invitee.region && { [`invited@${invitee.region}`]: 1 }),
      }),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError && error.failedAt(0)) return false;
    throw error;
  }
}

export type StoredInvitee = Invitee & {
  /** The INVITEE item's key. */
  key: string;
  invitedAt: string;
  /** When the invitation email was handed to SES; absent until then. */
  sentAt?: string;
  /** When the last reminder was sent (or is being sent). */
  remindedAt?: string;
  answeredAt?: string;
};

function inviteeOf(item: Item): StoredInvitee {
  const invitee: StoredInvitee = {
    key: item[table.partitionKey] as string,
    surveyId: item.surveyId as string,
    email: item.email as string,
    organisation: (item.organisation as string | undefined) ?? '',
    invitedAt: item.invitedAt as string,
  };
  for (const name of ['region', 'name', 'sentAt', 'remindedAt', 'answeredAt'] as const) {
    const value = item[name] as string | undefined;
    if (value !== undefined) invitee[name] = value;
  }
  return invitee;
}

export async function getInvitee(
  db: Db,
  surveyId: string,
  email: string,
): Promise<StoredInvitee | undefined> {
  const item = await getItem(db, keys.invitee(inviteeKey(surveyId, email)));
  return item ? inviteeOf(item) : undefined;
}

/** Every invitee of a survey, in the order they were invited (GSI1, so possibly a moment stale). */
export async function listInvitees(db: Db, surveyId: string): Promise<StoredInvitee[]> {
  const items = await queryAll(db, { partition: indexKeys.invitees(surveyId), index: true });
  return items.map(inviteeOf);
}

/** A personal link item for a token; it carries what the form needs to greet the organisation. */
function linkItem(
  invitee: Invitee & { key: string },
  token: string,
  createdAt: Date,
  expiresAt: number,
): Item {
  return {
    ...keys.invite(tokenHash(token)),
    surveyId: invitee.surveyId,
    invitee: invitee.key,
    organisation: invitee.organisation,
    ...(invitee.region && { region: invitee.region }),
    createdAt: createdAt.toISOString(),
    [table.ttlAttribute]: expiresAt,
  };
}

/**
 * Gives an existing invitee a new personal link. Tokens are never kept, so an invitation that was
 * created but never sent is sent with a fresh token; the old links keep working.
 */
export async function addInviteLink(
  db: Db,
  invitee: StoredInvitee,
  token: string,
  options: { now: Date; expiresAt: number },
): Promise<void> {
  await orStoreUnavailable(() =>
    db.documents.send(
      new PutCommand({
        TableName: db.tableName,
        Item: linkItem(invitee, token, options.now, options.expiresAt),
        ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
      }),
    ),
  );
}

/** Records that the invitation email was handed to SES (only ever after it was). */
export async function markSent(db: Db, key: string, at: Date): Promise<void> {
  await orStoreUnavailable(() =>
    db.documents.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.invitee(key),
        UpdateExpression: 'SET sentAt = :at',
        ConditionExpression: `attribute_exists(${table.partitionKey})`,
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    ),
  );
}

/**
 * Claims today's reminder for an invitee and stores its new link, in one transaction. The
 * conditions — not answered, not reminded since `dayStart` — are checked by DynamoDB, so two runs
 * at once remind a person once. Returns false when the claim is not (or no longer) due.
 */
export async function claimReminder(
  db: Db,
  invitee: StoredInvitee,
  token: string,
  options: { now: Date; dayStart: Date; expiresAt: number },
): Promise<boolean> {
  const TableName = db.tableName;
  try {
    await writeTransaction(db, [
      {
        Put: {
          TableName,
          Item: linkItem(invitee, token, options.now, options.expiresAt),
          ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
        },
      },
      {
        Update: {
          TableName,
          Key: keys.invitee(invitee.key),
          UpdateExpression: 'SET remindedAt = :now',
          ConditionExpression: `attribute_exists(${table.partitionKey}) AND attribute_not_exists(answeredAt) AND (attribute_not_exists(remindedAt) OR remindedAt < :dayStart)`,
          ExpressionAttributeValues: {
            ':now': options.now.toISOString(),
            ':dayStart': options.dayStart.toISOString(),
          },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError && error.failedAt(1)) return false;
    throw error;
  }
}

/**
 * Undoes a claim whose reminder could not be sent: the unsent link goes and the previous
 * `remindedAt` comes back, so nothing counts as reminded that was not, and a rerun reminds.
 */
export async function releaseReminder(
  db: Db,
  invitee: StoredInvitee,
  token: string,
  claimedAt: Date,
): Promise<void> {
  const TableName = db.tableName;
  const previous: Item = invitee.remindedAt ? { ':previous': invitee.remindedAt } : {};
  const restore = invitee.remindedAt ? 'SET remindedAt = :previous' : 'REMOVE remindedAt';
  await writeTransaction(db, [
    { Delete: { TableName, Key: keys.invite(tokenHash(token)) } },
    {
      Update: {
        TableName,
        Key: keys.invitee(invitee.key),
        UpdateExpression: restore,
        ConditionExpression: 'remindedAt = :claimed',
        ExpressionAttributeValues: { ':claimed': claimedAt.toISOString(), ...previous },
      },
    },
  ]);
}
