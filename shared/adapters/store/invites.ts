/**
 * Invitations in DynamoDB. A person invited to a survey in a wave is one
 * `INVITEE#<survey>#<wave>#<emailHash>` item (their contact details, centre, when invited, reminded
 * and answered); each personal link is an `INVITE#<tokenHash>` item pointing at it. Invitees
 * stored before waves keep their `INVITEE#<survey>#<emailHash>` key and belong to the wave of their
 * invitation date: a condition on that old item keeps them from being invited twice in it. Only the token's hash is stored. Answering marks the
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
import { startOfLocalDate, waveDates, waveOf } from '../../core/calendar.ts';
import { indexKeys, inviteeKey, keys, legacyInviteeKey } from './keys.ts';
import { waveOfInvitee } from './responses.ts';
import { table } from './table.ts';

export type Invitee = {
  surveyId: string;
  email: string;
  organisation: string;
  region?: string;
  name?: string;
  /** The wave invited to; the current one when not given. */
  wave?: string;
  /** The centre's slug and registered name, when the invitation goes out on its behalf. */
  centre?: string;
  centreName?: string;
};

/** The first instant of a wave and the first instant after it, Stockholm time. */
function waveBounds(wave: string): { start: string; end: string } {
  const { from, to } = waveDates(wave);
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: startOfLocalDate(from).toISOString(), end: startOfLocalDate(next).toISOString() };
}

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
  const wave = invitee.wave ?? waveOf(options.now);
  const inviteeId = inviteeKey(invitee.surveyId, invitee.email, wave);
  const hash = emailHash(invitee.email);
  const bounds = waveBounds(wave);
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
            wave,
            ...(invitee.centre && { centre: invitee.centre }),
            ...(invitee.centreName && { centreName: invitee.centreName }),
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
          Item: linkItem({ ...invitee, wave, key: inviteeId }, token, options.now, options.expiresAt),
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
      // Invited before waves, in this wave's dates: already invited in this wave.
      {
        ConditionCheck: {
          TableName,
          Key: keys.invitee(legacyInviteeKey(invitee.surveyId, invitee.email)),
          ConditionExpression: `attribute_not_exists(${table.partitionKey}) OR invitedAt < :start OR invitedAt >= :end`,
          ExpressionAttributeValues: { ':start': bounds.start, ':end': bounds.end },
        },
      },
      ...(invitee.centre
        ? [addCountersWrite(TableName, keys.centreCounters(invitee.surveyId, invitee.centre), { invited: 1 })]
        : []),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError && (error.failedAt(0) || error.failedAt(4))) return false;
    throw error;
  }
}

export type StoredInvitee = Invitee & {
  /** The INVITEE item's key. */
  key: string;
  /** Stored, or for invitees from before waves the wave of their invitation date. */
  wave: string;
  invitedAt: string;
  /** When the invitation email was handed to SES; absent until then. */
  sentAt?: string;
  /** Set just before a send and cleared when SES surely did not take it: left set, it may have been delivered. */
  sendingAt?: string;
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
    wave: waveOfInvitee(item)!,
  };
  for (const name of [
    'region',
    'name',
    'centre',
    'centreName',
    'sentAt',
    'sendingAt',
    'remindedAt',
    'answeredAt',
  ] as const) {
    const value = item[name] as string | undefined;
    if (value !== undefined) invitee[name] = value;
  }
  return invitee;
}

/** A person invited to a survey in a wave (the current one unless given), stored before waves or since. */
export async function getInvitee(
  db: Db,
  surveyId: string,
  email: string,
  wave = waveOf(new Date()),
): Promise<StoredInvitee | undefined> {
  const item = await getItem(db, keys.invitee(inviteeKey(surveyId, email, wave)));
  if (item) return inviteeOf(item);
  const legacy = await getItem(db, keys.invitee(legacyInviteeKey(surveyId, email)));
  return legacy && waveOfInvitee(legacy) === wave ? inviteeOf(legacy) : undefined;
}

/**
 * Every invitee of a survey, or of one wave of it, in the order they were invited (GSI1, so
 * possibly a moment stale).
 */
export async function listInvitees(db: Db, surveyId: string, wave?: string): Promise<StoredInvitee[]> {
  const items = await queryAll(db, { partition: indexKeys.invitees(surveyId), index: true });
  const invitees = items.map(inviteeOf);
  return wave === undefined ? invitees : invitees.filter((invitee) => invitee.wave === wave);
}

/** A personal link item for a token; it carries what the form needs to greet the organisation. */
function linkItem(
  invitee: Invitee & { key: string; wave: string },
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
    wave: invitee.wave,
    ...(invitee.centre && { centre: invitee.centre }),
    ...(invitee.centreName && { centreName: invitee.centreName }),
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

/** Updates the mark of an invitee that exists (an update never creates one). */
async function updateInvitee(db: Db, key: string, expression: string, at?: Date): Promise<void> {
  await orStoreUnavailable(() =>
    db.documents.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.invitee(key),
        UpdateExpression: expression,
        ConditionExpression: `attribute_exists(${table.partitionKey})`,
        ...(at && { ExpressionAttributeValues: { ':at': at.toISOString() } }),
      }),
    ),
  );
}

/**
 * Records that the invitation is about to be sent, before it is: if SES then never answers (or the
 * process dies), the mark stays and a rerun knows it may have been delivered.
 */
export const markSending = (db: Db, key: string, at: Date) =>
  updateInvitee(db, key, 'SET sendingAt = :at', at);

/** Takes the mark back when SES surely did not take the invitation (no connection, a refusal). */
export const clearSending = (db: Db, key: string) => updateInvitee(db, key, 'REMOVE sendingAt');

/** Records that the invitation email was handed to SES (only ever after it was). */
export const markSent = (db: Db, key: string, at: Date) =>
  updateInvitee(db, key, 'SET sentAt = :at REMOVE sendingAt', at);

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
