/**
 * Delivers outbox items: mail that a transaction promised (a receipt, a decision) and that leaves
 * only after the data it speaks of is stored. The mailer function (stream-triggered on AWS), the
 * local runtime's poller and `skc review` all deliver through here.
 *
 * Each item is claimed with a short lease before it is sent, so two deliverers (the stream and the
 * CLI, or two pollers) never both send it; an item marked sent or skipped is never sent again. A
 * process that dies between sending and marking leaves a lapsed lease and the item is sent again
 * by the next round: at least once, never twice while the store answers.
 */
import { QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Survey } from '../core/definition.ts';
import { questionsOf } from '../core/definition.ts';
import { isDecision } from '../core/applications.ts';
import { logger } from './log.ts';
import { decisionMail } from '../views/mail/decision.ts';
import { receiptMail } from '../views/mail/receipt.ts';
import type { Mail, Mailer } from '../core/ports.ts';
import { getApplication, getHistoryEntry } from './store/applications.ts';
import {
  getItem,
  isConditionFailure,
  orStoreUnavailable,
  classifyStoreFailure,
  type Db,
  type Item,
} from './store/client.ts';
import { localDate } from '../core/calendar.ts';
import { emailHash } from '../core/tokens.ts';
import { indexKeys, keys, outboxIdOf } from './store/keys.ts';
import { responseOf } from './store/responses.ts';
import { table } from './store/table.ts';
import type { Answers } from '../core/validation.ts';

export type OutboxDeps = {
  db: Db;
  mailer: Mailer;
  getSurvey: (id: string) => Survey | undefined;
  /** Base URL for links in mail (SKC_PUBLIC_URL). */
  publicUrl: string;
  now: () => Date;
};

/**
 * - `sent` now; `skipped`: nothing to send any more (the person was erased, the data is gone);
 * - `done`: sent or skipped before; `busy`: another deliverer holds it right now;
 * - `missing`: no such item; `failed`: left pending, to be retried.
 */
export type DeliveryOutcome = 'sent' | 'skipped' | 'done' | 'busy' | 'missing' | 'failed';
export type Delivery = { id: string; outcome: DeliveryOutcome };

/** How long a claim keeps others off an item; well over one SES call with its retries. */
const LEASE_MS = 60_000;

/** Delivers the given outbox items one by one; one item's failure does not stop the others. */
export async function deliverOutbox(deps: OutboxDeps, ids: readonly string[]): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (const id of ids) {
    try {
      deliveries.push({ id, outcome: await deliverOne(deps, id) });
    } catch (error) {
      logger.warn('outbox delivery failed', { outbox: id, cause: causeOf(error) });
      deliveries.push({ id, outcome: 'failed' });
    }
  }
  return deliveries;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return [(error as Error).name, (cause as Error | undefined)?.name].filter(Boolean).join(': ');
}

async function deliverOne(deps: OutboxDeps, id: string): Promise<DeliveryOutcome> {
  const { db } = deps;
  const item = await getItem(db, keys.outbox(id));
  if (!item) return 'missing';
  if (item.sentAt || item.skippedAt) return 'done';
  if (!(await claim(deps, id))) return (await isFinished(deps, id)) ? 'done' : 'busy';

  let mail: Mail | undefined;
  try {
    mail = await render(deps, item);
  } catch (error) {
    await release(deps, id);
    throw error;
  }
  if (!mail) {
    await markFinished(deps, id, 'SET skippedAt = :at', { ':at': deps.now().toISOString() });
    return 'skipped';
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(mail));
  } catch (error) {
    await release(deps, id).catch(() => undefined);
    throw error;
  }
  await markFinished(deps, id, 'SET sentAt = :at, messageId = :message', {
    ':at': deps.now().toISOString(),
    ':message': messageId,
  });
  return 'sent';
}

/** Builds the item's mail, or undefined when there is no one to send it to any more. */
async function render(deps: OutboxDeps, item: Item): Promise<Mail | undefined> {
  const responseId = item.responseId as string | undefined;
  if (!responseId) return undefined;
  const personal = await personalOf(deps.db, responseId);
  if (!personal) return undefined;
  const kind = item.kind as string | undefined;
  if (kind === 'receipt') {
    const stored = await getItem(deps.db, keys.response(responseId));
    if (!stored) return undefined;
    const response = responseOf(stored);
    const survey = deps.getSurvey(response.surveyId);
    if (!survey) return undefined;
    const to = emailsOf(survey, personal);
    if (to.length === 0) return undefined;
    if (!(await withinReceiptQuota(deps, to, responseId))) {
      logger.warn('receipt over the daily limit for its address', {
        outbox: item[table.partitionKey] as string,
      });
      return undefined;
    }
    return receiptMail({
      survey,
      responseId,
      submittedAt: response.submittedAt,
      // The open form sends this copy to whatever address was typed: it carries no one's
      // personal data but that address, so a typo does not mail other people's names to a stranger.
      answers: { ...response.answers, ...ownAddresses(survey, personal) },
      to,
      publicUrl: deps.publicUrl,
    });
  }
  if (kind === 'decision') {
    const application = await getApplication(deps.db, responseId);
    const historyKey = item.historyKey as string | undefined;
    const entry = historyKey ? await getHistoryEntry(deps.db, responseId, historyKey) : undefined;
    const survey = application && deps.getSurvey(application.surveyId);
    if (!application || !entry || !survey || !isDecision(entry.to)) return undefined;
    const to = emailsOf(survey, personal);
    if (to.length === 0) return undefined;
    return decisionMail({
      survey,
      responseId,
      title: application.title,
      decision: entry.to,
      note: entry.note,
      to,
      publicUrl: deps.publicUrl,
    });
  }
  return undefined;
}

/** Receipts per address and Stockholm day: the open form must not be a way to mail anyone at will. */
export const RECEIPTS_PER_ADDRESS_PER_DAY = 3;

/**
 * Counts a receipt against each of its addresses' daily quota. The response id goes into a set,
 * so a retry of the same receipt (an SES outage, a second deliverer) never uses up the quota.
 */
async function withinReceiptQuota(
  deps: OutboxDeps,
  addresses: string[],
  responseId: string,
): Promise<boolean> {
  const now = deps.now();
  for (const address of addresses) {
    const counted = await updateIfConditionHolds(deps.db, {
      Key: keys.receiptQuota(emailHash(address), localDate(now)),
      UpdateExpression: 'ADD responses :id SET #ttl = :ttl',
      ConditionExpression:
        'attribute_not_exists(responses) OR size(responses) < :max OR contains(responses, :one)',
      ExpressionAttributeNames: { '#ttl': table.ttlAttribute },
      ExpressionAttributeValues: {
        // A string set: adding the same response id twice counts it once.
        ':id': new Set([responseId]),
        ':one': responseId,
        ':max': RECEIPTS_PER_ADDRESS_PER_DAY,
        ':ttl': Math.floor(now.getTime() / 1000) + 3 * 86_400,
      },
    });
    if (!counted) return false;
  }
  return true;
}

function ownAddresses(survey: Survey, personal: Answers): Answers {
  const emailQuestions = new Set(
    questionsOf(survey)
      .filter((question) => question.personal === 'email')
      .map((question) => question.id),
  );
  return Object.fromEntries(Object.entries(personal).filter(([id]) => emailQuestions.has(id)));
}

function emailsOf(survey: Survey, personal: Answers): string[] {
  const addresses = questionsOf(survey)
    .filter((question) => question.personal === 'email')
    .map((question) => personal[question.id])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return [...new Set(addresses)];
}

async function personalOf(db: Db, responseId: string): Promise<Answers | undefined> {
  const item = await getItem(db, keys.personal(responseId));
  return typeof item?.answers === 'string' ? (JSON.parse(item.answers) as Answers) : undefined;
}

async function isFinished(deps: OutboxDeps, id: string): Promise<boolean> {
  const item = await getItem(deps.db, keys.outbox(id));
  return !item || item.sentAt !== undefined || item.skippedAt !== undefined;
}

/** Runs a conditional update of one item; false when its condition did not hold. */
async function updateIfConditionHolds(
  db: Db,
  update: Omit<UpdateCommandInput, 'TableName'>,
): Promise<boolean> {
  try {
    await db.documents.send(new UpdateCommand({ TableName: db.tableName, ...update }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw classifyStoreFailure(error);
  }
}

const open = `attribute_exists(${table.partitionKey}) AND attribute_not_exists(sentAt) AND attribute_not_exists(skippedAt)`;

function claim(deps: OutboxDeps, id: string): Promise<boolean> {
  const now = deps.now().getTime();
  return updateIfConditionHolds(deps.db, {
    Key: keys.outbox(id),
    UpdateExpression: 'SET claimedUntil = :until',
    ConditionExpression: `${open} AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)`,
    ExpressionAttributeValues: { ':until': now + LEASE_MS, ':now': now },
  });
}

async function release(deps: OutboxDeps, id: string): Promise<void> {
  await updateIfConditionHolds(deps.db, {
    Key: keys.outbox(id),
    UpdateExpression: 'REMOVE claimedUntil',
    ConditionExpression: open,
  });
}

/** Marks the item done and takes it out of the pending index, so no poller sees it again. */
async function markFinished(deps: OutboxDeps, id: string, set: string, values: Item): Promise<void> {
  await updateIfConditionHolds(deps.db, {
    Key: keys.outbox(id),
    UpdateExpression: `${set} REMOVE claimedUntil, #gsiPk, #gsiSk`,
    ConditionExpression: open,
    ExpressionAttributeNames: { '#gsiPk': table.index.partitionKey, '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: values,
  });
}

/** The oldest pending outbox ids (the pending index is eventually consistent; delivery re-checks). */
export async function pendingOutbox(db: Db, limit = 25): Promise<string[]> {
  const { Items: items = [] } = await orStoreUnavailable(() =>
    db.documents.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: table.index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': table.index.partitionKey },
        ExpressionAttributeValues: { ':pk': indexKeys.outbox },
        Limit: limit,
      }),
    ),
  );
  return items
    .map((item) => outboxIdOf(item[table.partitionKey] as string | undefined))
    .filter((id): id is string => !!id);
}
