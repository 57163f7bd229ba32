import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { centreApplication } from '../fixtures/answers.ts';

// Logging on the way the functions get it, from the environment, before the logger exists. A
// level set later does not hold: at each warm invocation Powertools' injectLambdaContext
// (refreshSampleRateCalculation) puts the logger back to its level from construction, which
// the project's env makes SILENT. Hence the imports below come after the stub.
vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
const { main } = await import('../../bin/cli.ts');
const { createMailer } = await import('../../shared/adapters/ses.ts');
const { deliverOutbox } = await import('../../shared/adapters/outbox.ts');
const { postJson, startApp, testMailer, wiring } = await import('./harness.ts');

const app = await startApp();
const { db, getSurvey, config } = wiring();

/**
 * Everything written to stdout and stderr while `work` runs. Powertools writes through its own
 * `Console` over `process.stdout`/`process.stderr`, which looks `write` up at each line, so
 * replacing `write` sees every log line.
 */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
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
        'not-sent',
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
