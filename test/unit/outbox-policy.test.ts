import { describe, expect, it } from 'vitest';
import { afterSendFailure, MAX_SEND_ATTEMPTS, retryDelayMs } from '../../shared/core/outbox.ts';
import {
  MailNotSentError,
  MailRefusedError,
  MailUncertainError,
  type RefusalScope,
} from '../../shared/core/ports.ts';

const now = new Date('2026-12-02T10:00:00Z');
const refused = (scope: RefusalScope, code: string) => new MailRefusedError('x', { scope, code });

describe('afterSendFailure', () => {
  it('fails an item whose recipient SES refuses, at once', () => {
    expect(afterSendFailure(refused('recipient', 'MessageRejected'), 0, now)).toEqual({
      next: 'failed',
      reason: 'refused: MessageRejected',
    });
  });

  it('stops the round and fails nothing when SES refuses the sender or the account', () => {
    expect(afterSendFailure(refused('sender', 'AccountSendingPaused'), 3, now)).toMatchObject({
      next: 'stop',
      scope: 'sender',
    });
  });

  it('stops the round, counting nothing, when SES cannot be reached', () => {
    expect(afterSendFailure(new MailNotSentError('x'), 0, now)).toMatchObject({
      next: 'stop',
      scope: 'unreachable',
    });
  });

  it('retries a passing refusal with growing backoff, then fails it', () => {
    const first = afterSendFailure(refused('transient', 'Throttling'), 0, now);
    expect(first).toEqual({
      next: 'retry',
      attempts: 1,
      dueAt: new Date(now.getTime() + retryDelayMs(1)),
      reason: 'refused: Throttling',
    });
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    expect(afterSendFailure(refused('transient', 'Throttling'), MAX_SEND_ATTEMPTS - 1, now)).toMatchObject({
      next: 'failed',
    });
  });

  it('never retries an uncertain send', () => {
    expect(afterSendFailure(new MailUncertainError('x'), 0, now)).toMatchObject({ next: 'uncertain' });
  });
});
