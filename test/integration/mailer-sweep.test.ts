import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/mailer.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, sentMail, startApp } from './harness.ts';

const app = await startApp();

describe('mailer: the scheduled outbox sweep', () => {
  it('sends a receipt still pending (the stream gave up on it) exactly once', async () => {
    const contactEmail = `sweep-${randomUUID()}@example.se`;
    const response = await postJson(app, '/surveys/centre-application/responses', {
      answers: centreApplication({ contactEmail }),
    });
    expect(response.status).toBe(201);
    expect(await sentMail(contactEmail)).toHaveLength(0);

    await handler({ sweep: true });
    const mail = await sentMail(contactEmail);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toContain(response.json.responseId as string);

    await handler({ sweep: true });
    expect(await sentMail(contactEmail)).toHaveLength(1);
  });
});
