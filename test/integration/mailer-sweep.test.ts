import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/mailer.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { deliverOutbox, RECEIPTS_PER_ADDRESS_PER_DAY } from '../../shared/adapters/outbox.ts';
import { postJson, sentMail, startApp, testMailer, wiring } from './harness.ts';

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

describe('receipts: the open form is no way to mail anyone at will', () => {
  it(`sends at most ${RECEIPTS_PER_ADDRESS_PER_DAY} receipts a day to one address`, async () => {
    const contactEmail = `quota-${randomUUID()}@example.se`;
    const ids: string[] = [];
    for (let index = 0; index <= RECEIPTS_PER_ADDRESS_PER_DAY; index++) {
      const response = await postJson(app, '/surveys/centre-application/responses', {
        answers: centreApplication({ contactEmail, centreName: `Centrum ${index}` }),
      });
      ids.push(response.json.responseId as string);
    }
    const { db, getSurvey, config } = wiring();
    const deps = {
      db,
      mailer: testMailer(),
      getSurvey,
      publicUrl: config.SKC_PUBLIC_URL,
      now: () => new Date(),
    };
    const first = await deliverOutbox(deps, [`receipt#${ids[0]}`]);
    expect(first.map((delivery) => delivery.outcome)).toEqual(['sent']);
    const rest = await deliverOutbox(
      deps,
      ids.slice(1).map((id) => `receipt#${id}`),
    );
    expect(rest.map((delivery) => delivery.outcome)).toEqual([
      ...Array(RECEIPTS_PER_ADDRESS_PER_DAY - 1).fill('sent'),
      'skipped',
    ]);
    expect(await sentMail(contactEmail)).toHaveLength(RECEIPTS_PER_ADDRESS_PER_DAY);
  });
});
