/**
 * What the outbox does after a send failed, decided from the mail error alone (shared/core/ports.ts),
 * so the stream, the sweep, the local drain and `skc review` all act the same:
 *
 * - refused for its recipient → the item fails now (no retry can change SES's mind);
 * - refused for the sender or the account → stop sending anything, fail nothing: every item
 *   would meet the same refusal until someone fixes the identity or the account;
 * - not sent (no connection) → stop this round, fail nothing, try again later;
 * - refused in passing (throttling, a 5xx) → retry later with backoff, up to MAX_SEND_ATTEMPTS;
 * - uncertain (no answer after the request went out) → never resent automatically.
 */
import { MailNotSentError, MailRefusedError, MailUncertainError } from './ports.ts';

/** Sends of one item that SES refused in passing before the item is failed. */
export const MAX_SEND_ATTEMPTS = 5;

/** Backoff before the next attempt after `attempts` passing refusals: 1, 2, 4, 8 minutes… (capped). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export type AfterFailure =
  /** Leave the item pending, due again at `dueAt`, with `attempts` counted. */
  | { next: 'retry'; attempts: number; dueAt: Date; reason: string }
  /** End the item as failed. */
  | { next: 'failed'; reason: string }
  /** The item may have been delivered: set it aside for an administrator. */
  | { next: 'uncertain'; reason: string }
  /** Stop the round; the item stays pending as it was (not counted). */
  | { next: 'stop'; scope: 'sender' | 'unreachable'; reason: string };

/** What happens to an item whose send failed with `error`, after `attempts` earlier passing refusals. */
export function afterSendFailure(error: unknown, attempts: number, now: Date): AfterFailure {
  if (error instanceof MailUncertainError) return { next: 'uncertain', reason: 'no answer from SES' };
  if (error instanceof MailNotSentError)
    return { next: 'stop', scope: 'unreachable', reason: 'SES unreachable' };
  if (error instanceof MailRefusedError) {
    if (error.scope === 'sender') return { next: 'stop', scope: 'sender', reason: `refused: ${error.code}` };
    if (error.scope === 'recipient') return { next: 'failed', reason: `refused: ${error.code}` };
    const counted = attempts + 1;
    if (counted >= MAX_SEND_ATTEMPTS)
      return { next: 'failed', reason: `refused ${counted} times: ${error.code}` };
    return {
      next: 'retry',
      attempts: counted,
      dueAt: new Date(now.getTime() + retryDelayMs(counted)),
      reason: `refused: ${error.code}`,
    };
  }
  // Anything else is a bug in building the mail, not SES: retrying the same data fails the same way.
  return { next: 'failed', reason: `could not be built: ${(error as Error)?.name ?? 'error'}` };
}
