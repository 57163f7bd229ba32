import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { localDate, period, previousWeek, weekOf } from '../../shared/core/calendar.ts';
import type { Digest } from '../../shared/core/digest.ts';
import { claimDigestRun, readDigestRun } from '../../shared/adapters/store/digest.ts';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { freePort } from '../../local/services.ts';
import { centreApplication, companyValue } from '../fixtures/answers.ts';
import { postJson, sentMail, startApp, wiring } from './harness.ts';

const app = await startApp();
const run = randomUUID().slice(0, 8);
const recipients = [`arbetsgrupp-${run}@teknikcollege.test`, `ordforande-${run}@teknikcollege.test`];
const env = { ...process.env, SKC_DIGEST_RECIPIENTS: recipients.join(',') };
// The scheduled function reads its recipients from the environment when it is wired.
process.env.SKC_DIGEST_RECIPIENTS = env.SKC_DIGEST_RECIPIENTS;
const { db } = wiring();

// Responses are stored at the real now, so the digest is of the running week, sent as if on the
// Monday after it (the CLI's clock is injected; the data is not).
const week = weekOf(new Date());
const mondayAfter = new Date(period(week).end.getTime() + 7 * 3_600_000);

async function skc(argv: string[], options: { now?: Date; env?: Record<string, string | undefined> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['digest', ...argv],
    options.env ?? env,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => options.now ?? mondayAfter },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const mailTo = (address: string) => sentMail(address);

async function post(surveyId: string, body: Record<string, unknown>) {
  const response = await postJson(app, `/surveys/${surveyId}/responses`, {
    submissionId: randomUUID(),
    ...body,
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  await post('centre-application', {
    answers: centreApplication({
      region: 'tc-ostra-smaland',
      assureQualityAssuredProcess: '<script>alert(1)</script> Två möten per år.',
    }),
  });
  await post('centre-application', {
    answers: centreApplication({ region: 'tc-sydost', centreName: 'Sydostens Teknikcenter' }),
  });
  // Invitations stored under counties, as before the Teknikcollege regions: reported apart.
  const invitees = ['kalmar', 'kalmar', 'kalmar', 'skane'].map((region, index) => ({
    surveyId: 'company-value',
    email: `foretag${index}-${run}@foretag.test`,
    organisation: `Företag ${index} AB`,
    region,
    token: newToken(),
  }));
  for (const { token, ...invitee } of invitees)
    await createInvitation(db, invitee, token, { now: new Date(), expiresAt: 2_000_000_000 });
  const recommendations = [10, 9, 3];
  for (const [index, recommend] of recommendations.entries())
    await post('company-value', { token: invitees[index]!.token, answers: companyValue({ recommend }) });
});

describe('skc digest', () => {
  it('prints the digest model of a week with --json, built from the stored counters', async () => {
    const result = await skc(['--period', week, '--json'], { now: new Date() });
    expect(result.code).toBe(0);
    const digest = JSON.parse(result.out) as Digest;
    expect(digest.period.id).toBe(week);
    const [applications, companies, groups] = digest.surveys;
    expect(applications).toMatchObject({
      id: 'centre-application',
      responses: { period: 2, total: 2 },
      invited: 0,
      responseRate: null,
    });
    expect(applications!.regions.map((region) => [region.id, region.responses.total])).toEqual([
      ['tc-sydost', 1],
      ['tc-ostra-smaland', 1],
    ]);
    expect(applications!.counties).toEqual([]);
    expect(companies).toMatchObject({
      id: 'company-value',
      responses: { period: 3, total: 3 },
      invited: 4,
      responseRate: 0.75,
    });
    // 10, 9, 3: mean 22/3, two promoters and one detractor → NPS (2 − 1) / 3 = 33.
    expect(companies!.questions.find((question) => question.id === 'recommend')!.period).toMatchObject({
      n: 3,
      mean: 7.33,
      nps: 33,
    });
    expect(companies!.regions).toEqual([]);
    expect(companies!.counties).toEqual([
      { id: 'kalmar', responses: { period: 3, total: 3 }, invited: 3, responseRate: 1 },
      { id: 'skane', responses: { period: 0, total: 0 }, invited: 1, responseRate: 0 },
    ]);
    expect(groups).toMatchObject({ id: 'steering-group', responses: { period: 0, total: 0 } });
    expect(digest.applications.byStatus.submitted).toBe(2);
  });

  it('counts the pilot so far from SKC_PILOT_START, December 2023 by default', async () => {
    const byDefault = JSON.parse(
      (await skc(['--period', week, '--json'], { now: new Date() })).out,
    ) as Digest;
    expect(byDefault.pilot.start).toBe('2023-12-01');
    // A start after this week's answers leaves them out of the totals, not out of the week.
    const nextMonday = localDate(period(week).end);
    const later = await skc(['--period', week, '--json'], {
      now: new Date(),
      env: { ...env, SKC_PILOT_START: nextMonday },
    });
    const digest = JSON.parse(later.out) as Digest;
    expect(digest.pilot.start).toBe(nextMonday);
    expect(digest.surveys[1]!.responses).toMatchObject({ period: 3, total: 0 });
  });

  it('renders the running week with --dry-run, writes the HTML to a file and sends nothing', async () => {
    const result = await skc(['--period', week, '--dry-run'], { now: new Date() });
    expect(result.code).toBe(0);
    const file = /written to (\S+\.html)/.exec(result.out)?.[1];
    expect(file).toBeDefined();
    const markup = await readFile(file!, 'utf8');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Två möten per år.');
    expect(await mailTo(recipients[0]!)).toHaveLength(0);
  });

  it('refuses to send a week that has not ended, without recipients, or with a bad --period', async () => {
    const running = await skc(['--period', week], { now: new Date() });
    expect(running.code).toBe(2);
    expect(running.err).toContain('has not ended');
    const nobody = await skc(['--period', previousWeek(week)], {
      env: { ...env, SKC_DIGEST_RECIPIENTS: '' },
    });
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain('SKC_DIGEST_RECIPIENTS');
    for (const bad of ['2026-W54', '2026-47', 'last-week']) {
      const result = await skc(['--period', bad]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--period must be an ISO week');
    }
    expect(await mailTo(recipients[0]!)).toHaveLength(0);
  });

  it('emails the last full week once to every recipient, with the same numbers as --json', async () => {
    const json = JSON.parse((await skc(['--json'])).out) as Digest;
    expect(json.period.id).toBe(week); // the default period is the last full week

    const sent = await skc([]);
    expect(sent.code).toBe(0);
    expect(sent.out).toContain(`Sent the digest for ${week} to 2 recipient(s)`);
    for (const recipient of recipients) {
      const mails = await mailTo(recipient);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      // One message, every recipient in To (SES local records To as one header value).
      for (const address of recipients) expect(mail!.destination.to.join(',')).toContain(address);
      expect(mail!.subject).toBe(
        `Pilotens veckorapport v. ${Number(week.slice(6))} (${json.period.from} – ${json.period.to})`,
      );
      expect(mail!.body.html).toMatch(/<meta name="color-scheme" content="light dark" ?\/?>/);
      expect(mail!.body.text).toContain('Nya svar denna vecka: 5 (förra veckan 0, hittills 5)');
      expect(mail!.body.text).toMatch(/Svarsfrekvens, Företagsenkäten: 75\s%/);
      expect(mail!.body.text).toContain('NPS, Företagsenkäten: 33');
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0]!.filename).toBe(`veckorapport-${week}.csv`);
      const csv = Buffer.from(mail!.attachments[0]!.content, 'base64').toString('utf8');
      const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
      // Every question's n in the attachment equals the model's.
      for (const survey of json.surveys)
        for (const question of survey.questions) {
          const row = rows.find(
            (entry) =>
              entry.survey === survey.id &&
              entry.question === question.id &&
              entry.measure === 'n' &&
              entry.row === '',
          );
          expect([row?.period, row?.total]).toEqual([String(question.period.n), String(question.total.n)]);
        }
      const nps = rows.find(
        (entry) =>
          entry.survey === 'company-value' && entry.question === 'recommend' && entry.measure === 'nps',
      );
      expect(nps?.period).toBe(
        String(json.surveys[1]!.questions.find((question) => question.id === 'recommend')!.period.nps),
      );
    }
    expect((await readDigestRun(db, week))?.messageId).toBe(sent.out.match(/message id (\S+)\)/)?.[1]);

    const again = await skc([]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already sent');
    expect(await mailTo(recipients[0]!)).toHaveLength(1);

    const forced = await skc(['--force']);
    expect(forced.code).toBe(0);
    expect(await mailTo(recipients[0]!)).toHaveLength(2);
    expect((await readDigestRun(db, week))?.sends).toBe(2);
  });

  it('leaves the period unclaimed when SES fails, so the next run sends it', async () => {
    const earlier = previousWeek(previousWeek(previousWeek(week)));
    const closed = `http://127.0.0.1:${await freePort()}`;
    const failed = await skc(['--period', earlier], { env: { ...env, SKC_SES_ENDPOINT: closed } });
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('cannot reach SES');
    const record = await readDigestRun(db, earlier);
    expect(record?.claimId).toBeUndefined();
    expect(record?.messageId).toBeUndefined();

    const retried = await skc(['--period', earlier]);
    expect(retried.code).toBe(0);
    const mails = (await mailTo(recipients[1]!)).filter((mail) =>
      mail.subject.includes(`v. ${Number(earlier.slice(6))} `),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('Inga nya svar kom in den här veckan.');
  });

  it('reports a claim whose lease ran out without a message id and leaves it to --force', async () => {
    const stale = previousWeek(previousWeek(week));
    const claimedAt = new Date(mondayAfter.getTime() - 60 * 60_000);
    expect(await claimDigestRun(db, stale, { now: claimedAt, force: false })).toMatchObject({
      claimed: true,
    });
    expect(await claimDigestRun(db, stale, { now: claimedAt, force: true })).toMatchObject({
      claimed: false,
      state: 'in-progress',
    });

    const reported = await skc(['--period', stale]);
    expect(reported.code).toBe(1);
    expect(reported.err).toContain('never confirmed as sent');
    const subject = `v. ${Number(stale.slice(6))} `;
    const ofStale = async () =>
      (await mailTo(recipients[0]!)).filter((mail) => mail.subject.includes(subject));
    expect(await ofStale()).toHaveLength(0);

    const forced = await skc(['--period', stale, '--force']);
    expect(forced.code).toBe(0);
    expect(await ofStale()).toHaveLength(1);
    const record = await readDigestRun(db, stale);
    expect(record?.sends).toBe(1);
    expect(record?.claimId).toBeUndefined();
  });

  it('runs the scheduled function for the last full week, once however often it fires', async () => {
    const { handler } = await import('../../functions/digest.ts');
    const last = previousWeek(week);
    expect(await handler()).toEqual({ period: last, outcome: 'sent' });
    expect(await handler()).toEqual({ period: last, outcome: 'already-sent' });
    const mails = (await mailTo(recipients[0]!)).filter((mail) =>
      mail.subject.includes(`v. ${Number(last.slice(6))} `),
    );
    expect(mails).toHaveLength(1);
  });
});
