/**
 * Delivers outbox items: mail that a transaction promised (a receipt, a decision) and that leaves
 * only after the data it speaks of is stored. The mailer function (stream and a 15-minute sweep on
 * AWS), the local runtime's poller and `skc review` all deliver through here.
 *
 * Each item is claimed with a short lease before it is sent, and the claim records the send
 * (`sendingAt`) before it is made: two deliverers never both send it, and a deliverer that died
 * mid-send leaves a mark that says "may have been delivered", never a blind resend. What follows a
 * failed send is the core's policy (shared/core/outbox.ts): a recipient refusal fails the item, a
 * sender or account refusal stops the round, a passing refusal retries later with backoff, an
 * uncertain send is set aside for an administrator (`skc outbox`).
 *
 * How an item moves in the table (claim, release, finish, set aside, the pending index sorted by
 * when each item is next due) is shared/adapters/store/outbox.ts.
 */
import type { Survey } from '../core/definition.ts';
import { questionsOf } from '../core/definition.ts';
import { isDecision } from '../core/applications.ts';
import { afterSendFailure } from '../core/outbox.ts';
import { logger } from './log.ts';
import { admittedAddresses } from './receipt-window.ts';
import { decisionMail } from '../views/mail/decision.ts';
import { receiptMail } from '../views/mail/receipt.ts';
import type { Mail, Mailer } from '../core/ports.ts';
import { getApplication, getHistoryEntry } from './store/applications.ts';
import { getItem, type Db, type Item } from './store/client.ts';
import { count, text } from './store/items.ts';
import * as outboxItem from './store/outbox.ts';
import { keys } from './store/keys.ts';
import { responseOf } from './store/responses.ts';
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
 * - `sent` now; `done`: sent, skipped, failed or set aside before; `missing`: no such item;
 * - `skipped`: nothing to send any more (the person was erased, the data is gone);
 * - `held-back`: a receipt over its mailbox's cap (the answer is stored, no mail goes);
 * - `busy`: another deliverer holds the claim — someone else is sending it;
 * - `retry`: SES refused in passing; pending again after a backoff;
 * - `failed`: SES refused the recipient, or passing refusals ran out; listed by `skc outbox`;
 * - `uncertain`: sent, and SES never answered (now, or a deliverer died mid-send); never resent
 *   automatically, listed by `skc outbox`;
 * - `not-sent`: SES unreachable, `sender-refused`: SES refuses the sender or the account — both
 *   leave the item pending as it was and stop the round;
 * - `unavailable`: the store failed; nothing about the item changed.
 */
export type DeliveryOutcome =
  | 'sent'
  | 'skipped'
  | 'held-back'
  | 'done'
  | 'busy'
  | 'missing'
  | 'retry'
  | 'failed'
  | 'uncertain'
  | 'not-sent'
  | 'sender-refused'
  | 'unavailable';
export type Delivery = { id: string; outcome: DeliveryOutcome; kind?: string; reason?: string };

/** Outcomes after which sending more this round is pointless: SES will not take anything now. */
const STOPS: ReadonlySet<DeliveryOutcome> = new Set(['not-sent', 'sender-refused']);

/**
 * Delivers the given outbox items one by one; one item's failure does not stop the others, but
 * SES being unreachable or refusing the sender stops the round (the rest stay pending untouched).
 */
export async function deliverOutbox(deps: OutboxDeps, ids: readonly string[]): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (const id of ids) {
    let delivery: Delivery;
    try {
      delivery = { id, ...(await deliverOne(deps, id)) };
    } catch (error) {
      delivery = { id, outcome: 'unavailable', reason: causeOf(error) };
    }
    deliveries.push(delivery);
    report(delivery);
    if (STOPS.has(delivery.outcome)) break;
  }
  return deliveries;
}

/** One log line per delivery that needs a look; ids, kinds and SES codes only, never an address. */
function report(delivery: Delivery): void {
  const fields = {
    outbox: delivery.id,
    kind: delivery.kind,
    outcome: delivery.outcome,
    cause: delivery.reason,
  };
  switch (delivery.outcome) {
    case 'sender-refused':
      logger.error('SES refuses the sender or the account: mail sending stopped, nothing failed', fields);
      return;
    case 'uncertain':
      logger.error('outbox mail may have been delivered (no answer from SES); not resent', fields);
      return;
    case 'held-back':
      logger.warn('receipt held back: its mailbox had its confirmations for 24 hours', fields);
      return;
    case 'failed':
    case 'retry':
    case 'not-sent':
    case 'unavailable':
      logger.warn('outbox delivery failed', fields);
      return;
    default:
      return;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return [(error as Error).name, (cause as Error | undefined)?.name].filter(Boolean).join(': ');
}

type Outcome = Omit<Delivery, 'id'>;

async function deliverOne(deps: OutboxDeps, id: string): Promise<Outcome> {
  const item = await getItem(deps.db, keys.outbox(id));
  if (!item) return { outcome: 'missing' };
  const kind = text(item, 'kind');
  if (outboxItem.isFinished(item)) return { outcome: 'done', kind };
  const now = deps.now();
  const leaseRunning = (count(item, 'claimedUntil') ?? 0) >= now.getTime();
  if (leaseRunning) return { outcome: 'busy', kind };
  if (text(item, 'sendingAt')) {
    // A deliverer claimed it to send and its lease ran out unfinished: it may have been sent.
    await outboxItem.setAside(
      deps.db,
      id,
      item,
      { state: 'uncertain', reason: 'lease ran out mid-send', at: deps.now() },
      { lapsedOnly: true },
    );
    return { outcome: 'uncertain', kind, reason: 'lease ran out mid-send' };
  }
  if (!(await outboxItem.claim(deps.db, id, deps.now())))
    return { outcome: (await outboxItem.isDone(deps.db, id)) ? 'done' : 'busy', kind };

  let prepared: Prepared;
  try {
    prepared = await prepare(deps, item);
  } catch (error) {
    await outboxItem.release(deps.db, id, now).catch(() => undefined);
    throw error;
  }
  if (prepared.skip) {
    await outboxItem.finish(deps.db, id, 'SET skippedAt = :at, skipReason = :reason', {
      ':at': now.toISOString(),
      ':reason': prepared.skip,
    });
    return { outcome: prepared.skip === 'receipt-cap' ? 'held-back' : 'skipped', kind };
  }

  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(prepared.mail));
  } catch (error) {
    return { kind, ...(await afterFailure(deps, id, item, error)) };
  }
  await outboxItem.finish(deps.db, id, 'SET sentAt = :at, messageId = :message', {
    ':at': deps.now().toISOString(),
    ':message': messageId,
  });
  return { outcome: 'sent', kind };
}

/** Applies the core's policy to a failed send and says what became of the item. */
async function afterFailure(deps: OutboxDeps, id: string, item: Item, error: unknown): Promise<Outcome> {
  const now = deps.now();
  const decision = afterSendFailure(error, count(item, 'attempts') ?? 0, now);
  switch (decision.next) {
    case 'stop':
      await outboxItem.release(deps.db, id, now);
      return {
        outcome: decision.scope === 'sender' ? 'sender-refused' : 'not-sent',
        reason: decision.reason,
      };
    case 'retry':
      await outboxItem.release(deps.db, id, decision.dueAt, {
        attempts: decision.attempts,
        reason: decision.reason,
      });
      return { outcome: 'retry', reason: decision.reason };
    case 'failed':
    case 'uncertain':
      await outboxItem.setAside(
        deps.db,
        id,
        item,
        { state: decision.next, reason: decision.reason, at: deps.now() },
        { lapsedOnly: false },
      );
      return { outcome: decision.next, reason: decision.reason };
  }
}

type Prepared = { skip: 'erased' | 'receipt-cap'; mail?: undefined } | { skip?: undefined; mail: Mail };

/** Builds the item's mail, or says why there is none to send any more. */
async function prepare(deps: OutboxDeps, item: Item): Promise<Prepared> {
  const gone = { skip: 'erased' } as const;
  const responseId = text(item, 'responseId');
  if (!responseId) return gone;
  const personal = await outboxItem.personalOf(deps.db, responseId);
  if (!personal) return gone;
  const kind = text(item, 'kind');
  if (kind === 'receipt') {
    const stored = await getItem(deps.db, keys.response(responseId));
    if (!stored) return gone;
    const response = responseOf(stored);
    const survey = deps.getSurvey(response.surveyId);
    if (!survey) return gone;
    const to = await admittedAddresses(deps, emailsOf(survey, personal), responseId);
    if (to === undefined) return gone;
    if (to.length === 0) return { skip: 'receipt-cap' };
    return {
      mail: receiptMail({
        survey,
        responseId,
        submittedAt: response.submittedAt,
        to,
        publicUrl: deps.publicUrl,
      }),
    };
  }
  if (kind === 'decision') {
    const application = await getApplication(deps.db, responseId);
    const historyKey = text(item, 'historyKey');
    const entry = historyKey ? await getHistoryEntry(deps.db, responseId, historyKey) : undefined;
    const survey = application && deps.getSurvey(application.surveyId);
    if (!application || !entry || !survey || !isDecision(entry.to)) return gone;
    const to = emailsOf(survey, personal);
    if (to.length === 0) return gone;
    return {
      mail: decisionMail({
        survey,
        responseId,
        decision: entry.to,
        note: entry.note,
        to,
        publicUrl: deps.publicUrl,
      }),
    };
  }
  return gone;
}

export function emailsOf(survey: Survey, personal: Answers): string[] {
  const addresses = questionsOf(survey)
    .filter((question) => question.personal === 'email')
    .map((question) => personal[question.id])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return [...new Set(addresses)];
}

export type SweepReport = {
  deliveries: Delivery[];
  /** Why the sweep stopped early, if it did: SES unreachable, or refusing the sender/account. */
  stopped?: 'not-sent' | 'sender-refused';
};

/**
 * Sends everything due, page by page (at most `maxItems`), past items that fail, are busy or wait
 * out a backoff; stops only when SES is unreachable or refuses the sender or the account.
 */
export async function sweepOutbox(
  deps: OutboxDeps,
  options: { pageSize?: number; maxItems?: number } = {},
): Promise<SweepReport> {
  const pageSize = options.pageSize ?? 100;
  const maxItems = options.maxItems ?? 1_000;
  const deliveries: Delivery[] = [];
  let startAfter: Item | undefined;
  do {
    const page = await outboxItem.pendingOutbox(deps.db, pageSize, {
      now: deps.now(),
      ...(startAfter && { startAfter }),
    });
    const delivered = await deliverOutbox(deps, page.ids.slice(0, maxItems - deliveries.length));
    deliveries.push(...delivered);
    const stop = delivered.find((delivery) => STOPS.has(delivery.outcome));
    if (stop) return { deliveries, stopped: stop.outcome as 'not-sent' | 'sender-refused' };
    startAfter = page.next;
  } while (startAfter && deliveries.length < maxItems);
  return { deliveries };
}
