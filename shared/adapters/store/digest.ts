/**
 * What the digest reads and writes in DynamoDB: the counter buckets of the weeks it needs (one
 * Query per survey), the invite and status counters, the period's newest free-text comments (a
 * bounded GSI query), and the digest-run record that makes each period's digest go out once.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { sumCounters, type Counters } from '../../core/aggregate.ts';
import { questionsOf, type Survey } from '../../core/definition.ts';
import { modelOf } from '../../core/questions/index.ts';
import { weeksNeeded, type Bucket, type DigestSource } from '../../core/digest.ts';
import type { Claim, Comment, DigestStore, RunRecord } from '../../core/digest-run.ts';
import type { Answers } from '../../core/validation.ts';
import { countersOf, getItem, isConditionFailure, orStoreUnavailable, queryAll, type Db } from './client.ts';
import { listCentres, readCentreCounters } from './centres.ts';
import { indexKeys, keys, partitions, sortPrefixes, type ItemKey } from './keys.ts';
import { table } from './table.ts';

/**
 * Reads every counter the digest of `week` needs: one Query per survey over the weeks from the
 * pilot's start. Weeks without answers have no items, so the read grows with the weeks that have
 * answers (× regions), not with the calendar.
 */
async function readDigestSource(
  db: Db,
  surveys: readonly Survey[],
  week: string,
  pilotStart?: string,
): Promise<DigestSource> {
  const weeks = weeksNeeded(week, pilotStart);
  // The centres and their counters: one item per centre and survey, flat in the number of answers.
  const [centres, ...perSurvey] = await Promise.all([
    listCentres(db),
    ...surveys.map(async (survey) => {
      const [buckets, invites, statuses, centreCounters] = await Promise.all([
        readBuckets(db, survey.id, weeks.from, weeks.to),
        readCounters(db, keys.invites(survey.id)),
        survey.review ? readCounters(db, keys.statuses(survey.id)) : Promise.resolve({}),
        readCentreCounters(db, survey.id),
      ]);
      return { entry: { survey, buckets, invites, centres: centreCounters }, statuses };
    }),
  ]);
  return {
    period: week,
    ...(pilotStart && { pilotStart }),
    surveys: perSurvey.map(({ entry }) => entry),
    centres: centres.map(({ slug, name, region }) => ({ slug, name, region })),
    statuses: sumCounters(perSurvey.map(({ statuses }) => statuses)),
  };
}

const BUCKET = /^W#(\d{4}-W\d{2})#(?:ALL|R#(.+))$/;

/**
 * The week buckets of a survey from `fromWeek` to `toWeek`, one Query per ISO year, run side by
 * side: a pilot of four years fills several 1 MB pages, which one Query would fetch one after
 * another.
 */
async function readBuckets(db: Db, surveyId: string, fromWeek: string, toWeek: string): Promise<Bucket[]> {
  const buckets: Bucket[] = [];
  const years = Array.from(
    { length: Number(toWeek.slice(0, 4)) - Number(fromWeek.slice(0, 4)) + 1 },
    (_, index) => Number(fromWeek.slice(0, 4)) + index,
  );
  const pages = await Promise.all(
    years.map((year, index) =>
      queryAll(db, {
        partition: partitions.aggregates(surveyId),
        // `~` sorts after `ALL` and `R#…`, so the last week's region buckets are included.
        between: [
          `${sortPrefixes.week}${index === 0 ? fromWeek : `${year}-W00`}`,
          `${sortPrefixes.week}${index === years.length - 1 ? toWeek : `${year}-W99`}#~`,
        ],
        consistent: true,
      }),
    ),
  );
  for (const item of pages.flat()) {
    const match = BUCKET.exec((item[table.sortKey] as string | undefined) ?? '');
    if (!match) continue;
    const bucket: Bucket = { week: match[1]!, counters: countersOf(item) };
    if (match[2] !== undefined) bucket.region = match[2];
    buckets.push(bucket);
  }
  return buckets;
}

async function readCounters(db: Db, key: ItemKey): Promise<Counters> {
  return countersOf(await getItem(db, key));
}

/** Responses read per survey for comments: bounded, so the digest stays flat in the number of responses. */
const COMMENT_SCAN_LIMIT = 50;
/** One response with many free-text answers (an application) should not fill the whole list. */
const COMMENTS_PER_RESPONSE = 2;

/**
 * The newest free-text answers of a week, newest first: long-text answers that are not personal
 * data, at most `limit`, from the week's newest responses only.
 */
async function readComments(db: Db, survey: Survey, week: string, limit = 5): Promise<Comment[]> {
  const textQuestions = questionsOf(survey).filter(
    (question) => modelOf(question).comment && !question.personal,
  );
  if (textQuestions.length === 0 || limit <= 0) return [];
  const page = await orStoreUnavailable(() =>
    db.documents.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: table.index.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :week)',
        ExpressionAttributeNames: { '#pk': table.index.partitionKey, '#sk': table.index.sortKey },
        ExpressionAttributeValues: { ':pk': indexKeys.responses(survey.id), ':week': `${week}#` },
        ScanIndexForward: false,
        Limit: COMMENT_SCAN_LIMIT,
      }),
    ),
  );
  const comments: Comment[] = [];
  for (const item of page.Items ?? []) {
    const answers = JSON.parse((item.answers as string | undefined) ?? '{}') as Answers;
    const submittedAt = (item.submittedAt as string | undefined) ?? '';
    let taken = 0;
    for (const question of textQuestions) {
      const text = answers[question.id];
      if (typeof text !== 'string' || text.trim() === '') continue;
      comments.push({ questionId: question.id, text, submittedAt });
      if (comments.length >= limit) return comments;
      if (++taken >= COMMENTS_PER_RESPONSE) break;
    }
  }
  return comments;
}

/** Long enough for any send (the function times out after 5 minutes), short enough to report soon. */
const CLAIM_LEASE_MS = 15 * 60_000;

/** One conditional update of a period's run record: the claim, the send and the release. */
async function updateDigestRun(
  db: Db,
  week: string,
  change: { update: string; condition: string; values: Record<string, unknown> },
): Promise<void> {
  await orStoreUnavailable(() =>
    db.documents.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.digestRun(week),
        UpdateExpression: change.update,
        ConditionExpression: change.condition,
        ExpressionAttributeValues: change.values,
      }),
    ),
  );
}

/**
 * Claims a period before sending. Without `force` only an unclaimed, unsent period whose last send
 * was not uncertain is claimed; with `force` a sent or uncertain period or a claim whose lease ran
 * out is taken over, but never a live claim (another run is sending right now).
 */
export async function claimDigestRun(
  db: Db,
  week: string,
  options: { now: Date; force: boolean; leaseMs?: number },
): Promise<Claim> {
  const claimId = randomUUID();
  const leaseUntil = options.now.getTime() + (options.leaseMs ?? CLAIM_LEASE_MS);
  const condition = options.force
    ? 'attribute_not_exists(claimId) OR leaseUntil < :now'
    : 'attribute_not_exists(claimId) AND attribute_not_exists(messageId) AND attribute_not_exists(uncertainAt)';
  try {
    await updateDigestRun(db, week, {
      update: 'SET claimId = :claim, claimedAt = :at, leaseUntil = :lease',
      condition,
      values: {
        ':claim': claimId,
        ':at': options.now.toISOString(),
        ':lease': leaseUntil,
        ...(options.force && { ':now': options.now.getTime() }),
      },
    });
    return { claimed: true, claimId };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const record = (await readDigestRun(db, week)) ?? { sends: 0 };
  // Our own update committed, but its answer was lost and the SDK's retry met its own condition.
  if (record.claimId === claimId) return { claimed: true, claimId };
  const leaseRunning =
    record.leaseUntil !== undefined && Date.parse(record.leaseUntil) >= options.now.getTime();
  const state = record.claimId
    ? leaseRunning
      ? 'in-progress'
      : 'unconfirmed'
    : record.messageId
      ? 'sent'
      : 'uncertain';
  return { claimed: false, state, record };
}

/** Records a sent digest and ends the claim. */
async function recordDigestSent(
  db: Db,
  week: string,
  claimId: string,
  sent: { messageId: string; sentAt: Date; recipients: number },
): Promise<void> {
  await updateDigestRun(db, week, {
    update:
      'SET messageId = :message, sentAt = :at, recipients = :recipients ADD sends :one REMOVE claimId, claimedAt, leaseUntil, uncertainAt',
    condition: 'claimId = :claim',
    values: {
      ':message': sent.messageId,
      ':at': sent.sentAt.toISOString(),
      ':recipients': sent.recipients,
      ':one': 1,
      ':claim': claimId,
    },
  });
}

/** Gives a claim back after a failed send, so the next run sends the period. */
async function releaseDigestRun(db: Db, week: string, claimId: string): Promise<void> {
  try {
    await updateDigestRun(db, week, {
      update: 'REMOVE claimId, claimedAt, leaseUntil',
      condition: 'claimId = :claim',
      values: { ':claim': claimId },
    });
  } catch (error) {
    // Someone took the claim over (--force after the lease): theirs now, nothing to release.
    if (!isConditionFailure(error)) throw error;
  }
}

/** Ends a claim whose send got no answer from SES: the digest may have gone out, so no run resends it unforced. */
async function recordDigestUncertain(db: Db, week: string, claimId: string, at: Date): Promise<void> {
  await orStoreUnavailable(() =>
    db.documents.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.digestRun(week),
        UpdateExpression: 'SET uncertainAt = :at REMOVE claimId, claimedAt, leaseUntil',
        ConditionExpression: 'claimId = :claim',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':claim': claimId },
      }),
    ),
  );
}

export async function readDigestRun(db: Db, week: string): Promise<RunRecord | undefined> {
  const item = await getItem(db, keys.digestRun(week));
  if (!item) return undefined;
  const record: RunRecord = { sends: (item.sends as number | undefined) ?? 0 };
  const claimId = item.claimId as string | undefined;
  const claimedAt = item.claimedAt as string | undefined;
  const lease = item.leaseUntil as number | undefined;
  const messageId = item.messageId as string | undefined;
  const sentAt = item.sentAt as string | undefined;
  const uncertainAt = item.uncertainAt as string | undefined;
  if (uncertainAt) record.uncertainAt = uncertainAt;
  if (claimId) record.claimId = claimId;
  if (claimedAt) record.claimedAt = claimedAt;
  if (lease !== undefined) record.leaseUntil = new Date(lease).toISOString();
  if (messageId) record.messageId = messageId;
  if (sentAt) record.sentAt = sentAt;
  return record;
}

/** The digest's store on DynamoDB. */
export function digestStore(db: Db): DigestStore {
  return {
    readSource: (surveys, week, pilotStart) => readDigestSource(db, surveys, week, pilotStart),
    readComments: (survey, week, limit) => readComments(db, survey, week, limit),
    claim: (week, options) => claimDigestRun(db, week, options),
    recordSent: (week, claimId, sent) => recordDigestSent(db, week, claimId, sent),
    release: (week, claimId) => releaseDigestRun(db, week, claimId),
    recordUncertain: (week, claimId, at) => recordDigestUncertain(db, week, claimId, at),
  };
}
