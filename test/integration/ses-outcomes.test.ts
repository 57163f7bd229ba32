import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/services.ts';
import {
  createMailer,
  MailNotSentError,
  MailRefusedError,
  MailUncertainError,
} from '../../shared/adapters/ses.ts';
import { sesAnswers, startSesRefusals, type SesAnswer } from '../fixtures/ses-refusals.ts';

const ses = await startSesRefusals();
afterAll(ses.close);

const mailerAt = (endpoint: string) =>
  createMailer({
    region: 'eu-north-1',
    from: 'skc-pilot@teknikcollege.test',
    endpoint,
    timeouts: { connectionMs: 500, requestMs: 500 },
  });
const mail = { to: ['anna@example.se'], subject: 'Hej', text: 'Hej!' };

async function failureOf(answer: SesAnswer): Promise<unknown> {
  ses.answerWith(() => answer);
  return mailerAt(ses.endpoint)
    .send(mail)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('SES mailer: what a failed send means', () => {
  it('returns the message id SES gives an accepted message', async () => {
    ses.answerWith(() => sesAnswers.accept);
    const { messageId } = await mailerAt(ses.endpoint).send(mail);
    expect(ses.delivered.at(-1)).toMatchObject({ messageId, to: ['anna@example.se'] });
  });

  it.each([
    ['a rejected address', sesAnswers.rejectedRecipient, 'recipient', 'MessageRejected'],
    ['an invalid address', sesAnswers.invalidAddress, 'recipient', 'InvalidParameterValue'],
    [
      'an unverified sender (or a sandboxed account)',
      sesAnswers.unverifiedSender,
      'sender',
      'MessageRejected',
    ],
    ['an unverified MAIL FROM domain', sesAnswers.mailFromNotVerified, 'sender', 'MailFromDomainNotVerified'],
    ['an account whose sending is paused', sesAnswers.accountPaused, 'sender', 'AccountSendingPaused'],
    ['throttling', sesAnswers.throttled, 'transient', 'Throttling'],
    ['a 503', sesAnswers.unavailable, 'transient', 'ServiceUnavailable'],
  ] as const)('classifies %s as a refusal about the %s', async (_what, answer, scope, code) => {
    const error = await failureOf(answer);
    expect(error).toBeInstanceOf(MailRefusedError);
    expect(error).toMatchObject({ scope, code, permanent: scope !== 'transient' });
  });

  it('classifies a refused connection as not sent', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await mailerAt(closed)
      .send(mail)
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(MailNotSentError);
  });

  it('classifies a server that never answers, or drops the connection, as uncertain', async () => {
    expect(await failureOf(sesAnswers.hang)).toBeInstanceOf(MailUncertainError);
    expect(await failureOf(sesAnswers.drop)).toBeInstanceOf(MailUncertainError);
  });
});
