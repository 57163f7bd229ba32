import { describe, expect, it } from 'vitest';
import {
  classifySendFailure,
  isRefusedMail,
  MailNotSentError,
  MailRefusedError,
  MailUncertainError,
} from '../../shared/adapters/ses.ts';

const answered = (name: string, status: number, message = '') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifySendFailure', () => {
  it('tells a refused message from an unreachable mail server (was isRefusedMail)', () => {
    const refused = classifySendFailure(answered('MessageRejected', 400, 'Address blacklisted.'));
    const throttled = classifySendFailure(answered('Throttling', 400, 'Maximum sending rate exceeded.'));
    const unreachable = classifySendFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }));
    expect(isRefusedMail(refused)).toBe(true);
    expect(isRefusedMail(throttled)).toBe(false);
    expect(isRefusedMail(unreachable)).toBe(false);
    expect(unreachable).toBeInstanceOf(MailNotSentError);
  });

  it('treats a refused connection behind happy eyeballs (an AggregateError) as not sent', () => {
    const error = Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }], 'connect'), {
      code: 'ECONNREFUSED',
    });
    expect(classifySendFailure(error)).toBeInstanceOf(MailNotSentError);
  });

  it('treats a connection timeout as not sent and a request timeout as uncertain', () => {
    const noConnection = Object.assign(
      new Error('the request socket did not establish a connection with the server within 2000 ms.'),
      { name: 'TimeoutError' },
    );
    const noAnswer = Object.assign(
      new Error('a request has exceeded the configured 10000 ms requestTimeout.'),
      {
        name: 'TimeoutError',
      },
    );
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(classifySendFailure(noConnection)).toBeInstanceOf(MailNotSentError);
    expect(classifySendFailure(noAnswer)).toBeInstanceOf(MailUncertainError);
    expect(classifySendFailure(reset)).toBeInstanceOf(MailUncertainError);
  });

  it('treats a daily quota as the account, a sandbox refusal as the sender, 5xx and 429 as passing', () => {
    const quota = classifySendFailure(answered('Throttling', 400, 'Daily message quota exceeded.'));
    const sandbox = classifySendFailure(
      answered(
        'MessageRejected',
        400,
        'Email address is not verified. The following identities failed the check',
      ),
    );
    expect(quota).toMatchObject({ scope: 'sender' });
    expect(sandbox).toMatchObject({ scope: 'sender' });
    expect(classifySendFailure(answered('InternalFailure', 500))).toMatchObject({ scope: 'transient' });
    expect(classifySendFailure(answered('SomethingElse', 429))).toMatchObject({ scope: 'transient' });
    expect(classifySendFailure(answered('ConfigurationSetSendingPausedException', 400))).toMatchObject({
      scope: 'sender',
      code: 'ConfigurationSetSendingPaused',
    });
    expect(classifySendFailure(answered('MessageRejected', 400))).toBeInstanceOf(MailRefusedError);
  });
});
