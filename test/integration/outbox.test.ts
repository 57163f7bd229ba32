import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startOutboxDrain } from '../../local/outbox.ts';
import { pendingOutbox } from '../../shared/adapters/store/outbox.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, sentMail, startApp, testMailer, wiring } from './harness.ts';

const app = await startApp();
const { db, getSurvey, config } = wiring();

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('local outbox drain', () => {
  it('delivers a receipt shortly after a submission and stops cleanly', async () => {
    const email = `drain.${randomUUID().slice(0, 8)}@example.se`;
    const stop = startOutboxDrain({
      deps: { db, mailer: testMailer(), getSurvey, publicUrl: config.SKC_PUBLIC_URL, now: () => new Date() },
      intervalMs: 100,
    });
    try {
      const response = await postJson(app, '/surveys/centre-application/responses', {
        submissionId: randomUUID(),
        answers: centreApplication({ contactEmail: email }),
      });
      expect(response.status).toBe(201);
      const [mail] = await until(async () => {
        const mails = await sentMail(email);
        return mails.length > 0 ? mails : undefined;
      });
      expect(mail!.subject).toContain(response.json.responseId as string);
      await until(async () => ((await pendingOutbox(db)).ids.length === 0 ? true : undefined));
    } finally {
      await stop();
    }
    expect(await sentMail(email)).toHaveLength(1);
  });
});
