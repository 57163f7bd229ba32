/**
 * Mail the outbox set aside (failed, or sent without an answer from SES) and what an administrator
 * does with it: `skc outbox` lists it, `skc outbox retry ID` puts one back, and `skc copy` sends the
 * copy a confirmation promises, to the addresses on file only.
 */
import type { Survey } from '../core/definition.ts';
import { questionsOf } from '../core/definition.ts';
import type { Answers } from '../core/validation.ts';
import { emailsOf, type OutboxDeps } from './outbox.ts';
import { dueKey, personalOf } from './store/outbox.ts';
import { getItem, queryAll, type Db } from './store/client.ts';
import { text, updateIfConditionHolds } from './store/items.ts';
import { indexKeys, keys, outboxIdOf } from './store/keys.ts';
import { responseOf } from './store/responses.ts';
import { table } from './store/table.ts';

/** A mail set aside: failed, or sent without an answer from SES. */
export type HeldMail = {
  id: string;
  kind: string;
  state: 'failed' | 'uncertain';
  at: string;
  reason: string;
  /** The recipients on file, if the person has not been erased meanwhile. */
  to: string[];
};

/** Every mail set aside, oldest first (what `skc outbox` lists). */
export async function listHeldOutbox(deps: Pick<OutboxDeps, 'db' | 'getSurvey'>): Promise<HeldMail[]> {
  const held: HeldMail[] = [];
  for (const item of await queryAll(deps.db, { partition: indexKeys.outboxHeld, index: true })) {
    const id = outboxIdOf(text(item, table.partitionKey));
    if (!id) continue;
    const uncertainAt = text(item, 'uncertainAt');
    held.push({
      id,
      kind: text(item, 'kind') ?? '',
      state: uncertainAt ? 'uncertain' : 'failed',
      at: uncertainAt ?? text(item, 'failedAt') ?? '',
      reason: text(item, 'failure') ?? '',
      to: await recipientsOf(deps, text(item, 'responseId')),
    });
  }
  return held;
}

async function recipientsOf(deps: Pick<OutboxDeps, 'db' | 'getSurvey'>, responseId: string | undefined) {
  return responseId ? ((await onFile(deps, responseId))?.to ?? []) : [];
}

/** A response with its survey, its personal answers and the addresses on file; undefined once erased. */
async function onFile(deps: Pick<OutboxDeps, 'db' | 'getSurvey'>, responseId: string) {
  const [personal, stored] = await Promise.all([
    personalOf(deps.db, responseId),
    getItem(deps.db, keys.response(responseId)),
  ]);
  if (!personal || !stored) return undefined;
  const response = responseOf(stored);
  const survey = deps.getSurvey(response.surveyId);
  return survey ? { response, survey, personal, to: emailsOf(survey, personal) } : undefined;
}

/**
 * Puts a failed or uncertain mail back in the pending index, due now, with its attempts reset: an
 * administrator's explicit resend. False when there is no such mail set aside.
 */
export function retryHeldOutbox(db: Db, id: string, now: Date): Promise<boolean> {
  return updateIfConditionHolds(db, {
    Key: keys.outbox(id),
    UpdateExpression:
      'SET #gsiPk = :pending, #gsiSk = :due, retriedAt = :at REMOVE failedAt, uncertainAt, failure, attempts, lastFailure, sendingAt, claimedUntil',
    ConditionExpression: `attribute_not_exists(sentAt) AND (attribute_exists(failedAt) OR attribute_exists(uncertainAt))`,
    ExpressionAttributeNames: { '#gsiPk': table.index.partitionKey, '#gsiSk': table.index.sortKey },
    ExpressionAttributeValues: {
      ':pending': indexKeys.outbox,
      ':due': dueKey(now, id),
      ':at': now.toISOString(),
    },
  });
}

/**
 * What `skc copy` sends: a response's answers without anyone's personal data but the addresses
 * on file, and those addresses. Undefined when the response or its contact details are gone.
 */
export async function answersOnFile(
  deps: Pick<OutboxDeps, 'db' | 'getSurvey'>,
  responseId: string,
): Promise<{ survey: Survey; submittedAt: string; answers: Answers; to: string[] } | undefined> {
  const found = await onFile(deps, responseId);
  if (!found || found.to.length === 0) return undefined;
  const { response, survey, personal, to } = found;
  const own = Object.fromEntries(
    questionsOf(survey)
      .filter((question) => question.personal === 'email' && personal[question.id] !== undefined)
      .map((question) => [question.id, personal[question.id]]),
  ) as Answers;
  return { survey, submittedAt: response.submittedAt, answers: { ...response.answers, ...own }, to };
}
