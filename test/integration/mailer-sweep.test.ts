import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { centreApplication } from '../fixtures/answers.ts';
import { sesAnswers, startSesRefusals } from '../fixtures/ses-refusals.ts';
import type { OutboxDeps } from '../../shared/adapters/outbox.ts';
import { RECEIPTS_PER_MAILBOX } from '../../shared/core/receipts.ts';
import { indexKeys } from '../../shared/adapters/store/keys.ts';

// The log lines are part of what this file asserts (a held-back receipt is logged without the
// address). Powertools reads its level when the logger is built and resets to it on every
// invocation, so the level is set before anything that builds the logger is imported.
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
const { main } = await import('../../bin/cli.ts');
const { logger } = await import('../../shared/adapters/log.ts');
const { handler } = await import('../../functions/mailer.ts');
const { createMailer } = await import('../../shared/adapters/ses.ts');
const { deliverOutbox, sweepOutbox } = await import('../../shared/adapters/outbox.ts');
const { pendingOutbox } = await import('../../shared/adapters/store/outbox.ts');
const { postJson, sentMail, startApp, wiring } = await import('./harness.ts');

const app = await startApp();
const { db, getSurvey, config } = wiring();

async function apply(answers: Record<string, unknown>): Promise<string> {
  const response = await postJson(app, '/surveys/centre-application/responses', {
    submissionId: randomUUID(),
    answers: centreApplication(answers),
  });
  expect(response.status).toBe(201);
  return response.json.responseId as string;
}

/** Deps whose mailer talks to the SES stand-in at `endpoint`. */
const depsVia = (endpoint: string): OutboxDeps => ({
  db,
  getSurvey,
  publicUrl: config.SKC_PUBLIC_URL,
  now: () => new Date(),
  mailer: createMailer({
    region: config.AWS_REGION,
    from: config.SKC_FROM_ADDRESS,
    endpoint,
    timeouts: { connectionMs: 500, requestMs: 2_000 },
  }),
});

async function skc(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, process.env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

async function heldIds(): Promise<string[]> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: indexKeys.outboxHeld } },
    }),
  );
  return (page.Items ?? []).map((item) => item.pk!.S!.slice('OUTBOX#'.length));
}

/** Everything written to stdout and stderr while `work` runs, with logging switched on. */
async function captureLog<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const written: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write, level: logger.getLevelName() };
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  logger.setLogLevel('INFO');
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    const result = await work();
    return { result, lines: written.join('').split('\n').filter(Boolean) };
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    logger.setLogLevel(original.level as Parameters<typeof logger.setLogLevel>[0]);
  }
}

describe('mailer: the scheduled outbox sweep', () => {
  it('sends a receipt still pending (the stream gave up on it) exactly once', async () => {
    const contactEmail = `sweep-${randomUUID()}@example.se`;
    const responseId = await apply({ contactEmail });
    expect(await sentMail(contactEmail)).toHaveLength(0);

    await handler({ sweep: true });
    const mail = await sentMail(contactEmail);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toContain(responseId);

    await handler({ sweep: true });
    expect(await sentMail(contactEmail)).toHaveLength(1);
  });

  it('fails one refused address at once and delivers the 150 behind it in the same sweep', async () => {
    // Prepare: the refused address is the oldest item, so a sweep that stops at it sends nothing.
    const run = randomUUID().slice(0, 8);
    const refused = `refused-${run}@example.se`;
    const refusedId = await apply({ contactEmail: refused });
    const good = Array.from({ length: 150 }, (_, index) => `good${index}-${run}@example.se`);
    for (let start = 0; start < good.length; start += 5)
      await Promise.all(good.slice(start, start + 5).map((contactEmail) => apply({ contactEmail })));
    const ses = await startSesRefusals((to) =>
      to.includes(refused) ? sesAnswers.rejectedRecipient : sesAnswers.accept,
    );
    try {
      // Act: pages of 100, so the sweep must read past the first page.
      const report = await sweepOutbox(depsVia(ses.endpoint), { pageSize: 100 });
      // Assess
      expect(report.stopped).toBeUndefined();
      const delivered = new Set(ses.delivered.flatMap((mail) => mail.to).filter((to) => to.includes(run)));
      expect(delivered.size).toBe(150);
      expect(delivered.has(refused)).toBe(false);
      expect(report.deliveries.find((delivery) => delivery.id === `receipt#${refusedId}`)).toMatchObject({
        outcome: 'failed',
        reason: 'refused: MessageRejected',
      });
      expect(await heldIds()).toContain(`receipt#${refusedId}`);
      expect((await pendingOutbox(db, 1000)).ids).not.toContain(`receipt#${refusedId}`);

      const again = await sweepOutbox(depsVia(ses.endpoint));
      expect(again.deliveries.map((delivery) => delivery.id)).not.toContain(`receipt#${refusedId}`);
      expect(ses.requests.filter((request) => request.to.includes(refused))).toHaveLength(1);

      // An administrator sees it, fixes the cause, and sends it again (SES local accepts it).
      const listed = await skc('outbox');
      const line = listed.out.find((entry) => entry.startsWith(`receipt#${refusedId}\t`));
      expect(line?.split('\t')).toEqual([
        `receipt#${refusedId}`,
        'receipt',
        'failed',
        expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        'refused: MessageRejected',
        'r***@e***.se',
      ]);
      expect(listed.out.join('\n')).not.toContain(refused);
      const retried = await skc('outbox', 'retry', `receipt#${refusedId}`);
      expect(retried).toMatchObject({ code: 0, out: [`Sent receipt#${refusedId} again.`] });
      expect(await sentMail(refused)).toHaveLength(1);
      expect((await skc('outbox')).out.join('\n')).not.toContain(refusedId);
      expect((await skc('outbox', 'retry', `receipt#${refusedId}`)).code).toBe(1);
    } finally {
      await ses.close();
    }
  }, 180_000);

  it('stops at a refusal of the sender, fails nothing, says so once, and sends all once fixed', async () => {
    // Prepare
    const run = randomUUID().slice(0, 8);
    const ids = [];
    for (let index = 0; index < 3; index++)
      ids.push(await apply({ contactEmail: `sender${index}-${run}@example.se` }));
    const ses = await startSesRefusals(() => sesAnswers.unverifiedSender);
    try {
      // Act
      const { result: report, lines } = await captureLog(() => sweepOutbox(depsVia(ses.endpoint)));
      // Assess
      expect(report.stopped).toBe('sender-refused');
      expect(ses.requests).toHaveLength(1);
      expect(report.deliveries.filter((delivery) => delivery.outcome !== 'sender-refused')).toEqual([]);
      const refusalLines = lines.filter((line) => line.includes('SES refuses the sender'));
      expect(refusalLines).toHaveLength(1);
      expect(refusalLines[0]).not.toContain('@');
      const held = await heldIds();
      const pending = (await pendingOutbox(db, 1000)).ids;
      for (const id of ids) {
        expect(held).not.toContain(`receipt#${id}`);
        expect(pending).toContain(`receipt#${id}`);
      }

      ses.answerWith(() => sesAnswers.accept);
      const fixed = await sweepOutbox(depsVia(ses.endpoint));
      expect(fixed.stopped).toBeUndefined();
      const sentTo = ses.delivered.flatMap((mail) => mail.to).filter((to) => to.includes(run));
      expect(sentTo).toHaveLength(3);
    } finally {
      await ses.close();
    }
  });
});

describe('receipts: the open form is no way to mail anyone at will', () => {
  it(`sends at most ${RECEIPTS_PER_MAILBOX} confirmations to one mailbox, whatever +tags, and no typed text`, async () => {
    // Prepare
    const victim = `victim-${randomUUID().slice(0, 8)}`;
    const link = 'https://phish.example/konto';
    const freeText = `Ert konto spärras, logga in här: ${link}`;
    // Act: six applications, each to another +tag of the same mailbox, with a link in the free text.
    for (let index = 1; index <= 6; index++)
      await apply({
        contactEmail: `${victim}+${index}@example.se`,
        centreName: `Centrum ${index} ${link}`,
        criteriaFollowUp: freeText,
        expectedCompanyValue: freeText,
      });
    const { result, lines } = await captureLog(() => handler({ sweep: true }));
    // Assess: every answer was stored (201 above); at most three mails reached the mailbox.
    expect(result).toEqual({ batchItemFailures: [] });
    const mails = await sentMail(victim);
    expect(mails).toHaveLength(RECEIPTS_PER_MAILBOX);
    for (const mail of mails) {
      const whole = `${mail.subject}\n${mail.body.text}\n${mail.body.html}`;
      expect(whole).not.toContain('phish.example');
      expect(whole).not.toContain('logga in här');
      expect(whole).not.toContain('Centrum ');
    }
    const heldBack = lines.filter((line) => line.includes('receipt held back'));
    expect(heldBack).toHaveLength(6 - RECEIPTS_PER_MAILBOX);
    for (const line of heldBack) expect(line).not.toContain(victim);

    await handler({ sweep: true });
    expect(await sentMail(victim)).toHaveLength(RECEIPTS_PER_MAILBOX);
  });
});

describe('outbox: a send SES never answered', () => {
  it('is set aside as uncertain and never resent; the stream meanwhile sees someone else sending', async () => {
    // Prepare
    const contactEmail = `tyst-${randomUUID().slice(0, 8)}@example.se`;
    const responseId = await apply({ contactEmail });
    const id = `receipt#${responseId}`;
    const ses = await startSesRefusals(() => sesAnswers.hang);
    try {
      // Act: the hung send holds the claim while a stream record for the same item arrives.
      const hung = deliverOutbox(depsVia(ses.endpoint), [id]);
      await until(async () => (ses.requests.length > 0 ? true : undefined));
      const stream = await handler({
        Records: [
          { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: `OUTBOX#${id}` } }, SequenceNumber: '1' } },
        ],
      } as never);
      // Assess
      expect(stream).toEqual({ batchItemFailures: [] });
      expect(await hung).toEqual([
        { id, outcome: 'uncertain', kind: 'receipt', reason: 'no answer from SES' },
      ]);
      expect(await heldIds()).toContain(id);
      expect(await deliverOutbox(depsVia(ses.endpoint), [id])).toEqual([
        { id, outcome: 'done', kind: 'receipt' },
      ]);
      await sweepOutbox(depsVia(ses.endpoint));
      await handler({ sweep: true });
      expect(ses.requests).toHaveLength(1);
      expect(await sentMail(contactEmail)).toHaveLength(0);
    } finally {
      await ses.close();
    }
  });
});

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
