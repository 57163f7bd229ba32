/**
 * Invitations in DynamoDB. A person invited to a survey in a wave is one
 * `INVITEE#<survey>#<wave>#<emailHash>` item (their contact details, centre, when invited, reminded
 * and answered); each personal link is an `INVITE#<tokenHash>` item pointing at it. Invitees
 * stored before waves keep their `INVITEE#<survey>#<emailHash>` key and belong to the wave of their
 * invitation date: a condition on that old item keeps them from being invited twice in it. Only the token's hash is stored. Answering marks the
 * invitee in the submit transaction, so a second answer is refused whichever link it uses.
 * Invitees are listed per survey through GSI1 (`INVITEES#<survey>` → invitedAt#emailHash).
 */
import { PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { emailHash, normaliseEmail, tokenHash } from '../../core/tokens.ts';
import {
  call,
  ConditionFailedError,
  key,
  N,
  partitionItems,
  S,
  str,
  transact,
  readItem,
  type Db,
  type Item,
} from './client.ts';
import { startOfLocalDate, waveDates, waveOf } from '../../core/calendar.ts';
import { centreKeys } from './centres.ts';
import { counterUpdate, keys, waveOfInvitee } from './responses.ts';
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

/** The invitee item's key: one per person, survey and wave. */
export function inviteeKey(surveyId: string, email: string, wave: string): string {
  return `INVITEE#${surveyId}#${wave}#${emailHash(email)}`;
}

/** The key invitees had before waves (one per person and survey); read, never written. */
function legacyInviteeKey(surveyId: string, email: string): string {
  return `INVITEE#${surveyId}#${emailHash(email)}`;
}

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
    await transact(() =>
      db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: {
                  ...keys.invitee(inviteeId),
                  surveyId: S(invitee.surveyId),
                  email: S(normaliseEmail(invitee.email)),
                  organisation: S(invitee.organisation),
                  ...(invitee.region && { region: S(invitee.region) }),
                  ...(invitee.name && { name: S(invitee.name) }),
                  wave: S(wave),
                  ...(invitee.centre && { centre: S(invitee.centre) }),
                  ...(invitee.centreName && { centreName: S(invitee.centreName) }),
                  invitedAt: S(invitedAt),
                  [table.ttlAttribute]: N(options.expiresAt),
                  [table.index.partitionKey]: S(inviteesIndex(invitee.surveyId)),
                  [table.index.sortKey]: S(`${invitedAt}#${hash}`),
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
                Item: { ...key(`EMAIL#${hash}`, inviteeId), [table.ttlAttribute]: N(options.expiresAt) },
              },
            },
            counterUpdate(TableName, keys.invites(invitee.surveyId), {
              invited: 1,
              ...(invitee.region && { [`invited@${invitee.region}`]: 1 }),
            }),
            // Invited before waves, in this wave's dates: already invited in this wave.
            {
              ConditionCheck: {
                TableName,
                Key: keys.invitee(legacyInviteeKey(invitee.surveyId, invitee.email)),
                ConditionExpression: `attribute_not_exists(${table.partitionKey}) OR invitedAt < :start OR invitedAt >= :end`,
                ExpressionAttributeValues: { ':start': S(bounds.start), ':end': S(bounds.end) },
              },
            },
            ...(invitee.centre
              ? [
                  counterUpdate(TableName, centreKeys.counters(invitee.surveyId, invitee.centre), {
                    invited: 1,
                  }),
                ]
              : []),
          ],
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError && (error.failedAt(0) || error.failedAt(4))) return false;
    throw error;
  }
}

/** GSI1 partition of a survey's invitees, sorted by when they were invited. */
export const inviteesIndex = (surveyId: string) => `INVITEES#${surveyId}`;

export type StoredInvitee = Invitee & {
  /** The INVITEE item's key. */
  key: string;
  /** Stored, or for invitees from before waves the wave of their invitation date. */
  wave: string;
  invitedAt: string;
  /** When the invitation email was handed to SES; absent until then. */
  sentAt?: string;
  /** When the last reminder was sent (or is being sent). */
  remindedAt?: string;
  answeredAt?: string;
};

function inviteeOf(item: Item): StoredInvitee {
  const invitee: StoredInvitee = {
    key: str(item, table.partitionKey)!,
    surveyId: str(item, 'surveyId')!,
    email: str(item, 'email')!,
    organisation: str(item, 'organisation') ?? '',
    invitedAt: str(item, 'invitedAt')!,
    wave: waveOfInvitee(item)!,
  };
  for (const name of [
    'region',
    'name',
    'centre',
    'centreName',
    'sentAt',
    'remindedAt',
    'answeredAt',
  ] as const) {
    const value = str(item, name);
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
  const item = await readItem(db, keys.invitee(inviteeKey(surveyId, email, wave)));
  if (item) return inviteeOf(item);
  const legacy = await readItem(db, keys.invitee(legacyInviteeKey(surveyId, email)));
  return legacy && waveOfInvitee(legacy) === wave ? inviteeOf(legacy) : undefined;
}

/**
 * Every invitee of a survey, or of one wave of it, in the order they were invited (GSI1, so
 * possibly a moment stale).
 */
export async function listInvitees(db: Db, surveyId: string, wave?: string): Promise<StoredInvitee[]> {
  const items = await partitionItems(db, { partition: inviteesIndex(surveyId), index: true });
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
    surveyId: S(invitee.surveyId),
    invitee: S(invitee.key),
    organisation: S(invitee.organisation),
    ...(invitee.region && { region: S(invitee.region) }),
    wave: S(invitee.wave),
    ...(invitee.centre && { centre: S(invitee.centre) }),
    ...(invitee.centreName && { centreName: S(invitee.centreName) }),
    createdAt: S(createdAt.toISOString()),
    [table.ttlAttribute]: N(expiresAt),
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
  await call(() =>
    db.client.send(
      new PutItemCommand({
        TableName: db.tableName,
        Item: linkItem(invitee, token, options.now, options.expiresAt),
        ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
      }),
    ),
  );
}

/** Records that the invitation email was handed to SES (only ever after it was). */
export async function markSent(db: Db, key: string, at: Date): Promise<void> {
  await call(() =>
    db.client.send(
      new UpdateItemCommand({
        TableName: db.tableName,
        Key: keys.invitee(key),
        UpdateExpression: 'SET sentAt = :at',
        ConditionExpression: `attribute_exists(${table.partitionKey})`,
        ExpressionAttributeValues: { ':at': S(at.toISOString()) },
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
    await transact(() =>
      db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
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
                  ':now': S(options.now.toISOString()),
                  ':dayStart': S(options.dayStart.toISOString()),
                },
              },
            },
          ],
        }),
      ),
    );
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
  const previous: Item = invitee.remindedAt ? { ':previous': S(invitee.remindedAt) } : {};
  const restore = invitee.remindedAt ? 'SET remindedAt = :previous' : 'REMOVE remindedAt';
  await transact(() =>
    db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Delete: { TableName, Key: keys.invite(tokenHash(token)) } },
          {
            Update: {
              TableName,
              Key: keys.invitee(invitee.key),
              UpdateExpression: restore,
              ConditionExpression: 'remindedAt = :claimed',
              ExpressionAttributeValues: { ':claimed': S(claimedAt.toISOString()), ...previous },
            },
          },
        ],
      }),
    ),
  );
}
