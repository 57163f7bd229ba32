import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { createMailer } from '../../shared/adapters/ses.ts';
import { deliverOutbox } from '../../shared/adapters/outbox.ts';
import { logger } from '../../shared/adapters/log.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, startApp, testMailer, wiring } from './harness.ts';

const app = await startApp();
const { db, getSurvey, config } = wiring();

/** Everything written to stdout and stderr while `work` runs, with logging switched on. */
async function captureOutput(work: () => Promise<void>): Promise<string> {
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
    await work();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    logger.setLogLevel(original.level as Parameters<typeof logger.setLogLevel>[0]);
  }
  return written.join('');
}

describe('logs', () => {
  it('never contain the personal data of an application, on success or failure', async () => {
    const tag = randomUUID().slice(0, 8);
    const person = {
      contactEmail: `lena.${tag}@example.se`,
      contactName: `Lena Lind-${tag}`,
      processLeaderName: `Olof Ek-${tag}`,
      chairName: `Maja Berg-${tag}`,
    };
    const orgNumber = '556036-0793';
    const answers = centreApplication({ ...person, orgNumber });
    const path = '/surveys/centre-application/responses';
    const broken = createMailer({
      region: config.AWS_REGION,
      from: config.SKC_FROM_ADDRESS,
      endpoint: 'http://127.0.0.1:1',
    });
    const deps = { db, getSurvey, publicUrl: config.SKC_PUBLIC_URL, now: () => new Date() };

    const output = await captureOutput(async () => {
      const stored = await postJson(app, path, { submissionId: randomUUID(), answers });
      expect(stored.status).toBe(201);
      const id = stored.json.responseId as string;
      // A failing submission with the same personal data, as JSON and as a form.
      expect((await postJson(app, path, { answers: { ...answers, privacyConsent: false } })).status).toBe(
        400,
      );
      const form = new URLSearchParams({ ...person, orgNumber, submissionId: randomUUID() }).toString();
      expect(
        (await postJson(app, path, form, { 'content-type': 'application/x-www-form-urlencoded' })).status,
      ).toBe(400);
      // Mail that fails (logged), then succeeds.
      expect((await deliverOutbox({ ...deps, mailer: broken }, [`receipt#${id}`]))[0]!.outcome).toBe(
        'failed',
      );
      expect((await deliverOutbox({ ...deps, mailer: testMailer() }, [`receipt#${id}`]))[0]!.outcome).toBe(
        'sent',
      );
      const io = { out: () => undefined, err: () => undefined };
      expect(
        await main(['review', id, '--decision', 'in-review', '--note', 'Påbörjad.'], process.env, io),
      ).toBe(0);
    });

    expect(output).toContain('outbox delivery failed'); // logging was on, so the absence below means something
    for (const personal of [...Object.values(person), orgNumber, orgNumber.replace('-', '')])
      expect(output).not.toContain(personal);
  });
});
