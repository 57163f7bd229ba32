import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { SES_CONCURRENCY } from '../../bin/bounded.ts';
import type { Mailer } from '../../shared/core/ports.ts';
import { localDate, startOfLocalDate } from '../../shared/core/calendar.ts';
import { countersOf } from '../../shared/adapters/store/client.ts';
import { getInvitee } from '../../shared/adapters/store/invites.ts';
import { keys } from '../../shared/adapters/store/keys.ts';
import { freePort } from '../../local/services.ts';
import { companyValue, steeringGroup } from '../fixtures/answers.ts';
import { postJson, sentMail, startApp, wiring, type StoredMail } from './harness.ts';

const app = await startApp();
const { db } = wiring();
const run = randomUUID().slice(0, 8);
const folder = mkdtempSync(join(tmpdir(), 'skc-invites-'));
// Stockholm noon today: the CLI's clock, so "the same day" cannot straddle midnight mid-test.
const noon = new Date(startOfLocalDate(localDate(new Date())).getTime() + 12 * 3_600_000);
const nextDay = new Date(noon.getTime() + 24 * 3_600_000);

const address = (who: string) => `${who}-${run}@foretag.test`;
const companies = [
  // Teknikcollege regions by name in any case or by slug; all are stored as the slug.
  { who: 'alfa', organisation: 'Alfa Verkstad AB', region: 'Östra Småland' },
  { who: 'beta', organisation: 'Plast & Gummi i Småland AB', region: 'tc-kronoberg' },
  { who: 'gamma', organisation: 'Gamma Fordon AB', region: 'östra småland' },
];

function csvFile(name: string, lines: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function skc(argv: string[], options: { now?: Date; env?: Record<string, string | undefined> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    options.env ?? process.env,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => options.now ?? noon, progress: () => {} },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The personal link in a mail's text, pointed at the test app instead of SKC_PUBLIC_URL. */
function linkIn(mail: StoredMail | undefined, surveyId: string): { url: string; token: string } {
  const text = mail?.body.text ?? '';
  const match = new RegExp(`(\\S+)/forms/${surveyId}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  expect(match?.[1]).toBe(process.env.SKC_PUBLIC_URL);
  return { url: `${app.url}/forms/${surveyId}?token=${match![2]}`, token: match![2]! };
}

async function answer(surveyId: string, token: string, answers = companyValue()) {
  return postJson(app, `/surveys/${surveyId}/responses`, { submissionId: randomUUID(), token, answers });
}

const mailTo = async (who: string, subject: RegExp) =>
  (await sentMail(address(who))).filter((mail) => subject.test(mail.subject));
const invitations = (who: string) => mailTo(who, /^Inbjudan/);
const reminders = (who: string) => mailTo(who, /^Påminnelse/);

describe('skc invite and skc remind', () => {
  const list = csvFile('companies.csv', [
    'email,organisation,region,name',
    ...companies.map((company) => `${address(company.who)},${company.organisation},${company.region},`),
  ]);
  const tokens: Record<string, string> = {};

  it('invites three companies, each with one email whose personal link opens a form greeting it', async () => {
    const result = await skc(['invite', '--survey', 'company-value', '--csv', list]);

    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('company-value: invited 3, skipped 0 (already invited), sent 3, failed 0');
    for (const company of companies) {
      const mails = await invitations(company.who);
      expect(mails).toHaveLength(1);
      const link = linkIn(mails[0], 'company-value');
      tokens[company.who] = link.token;
      const page = await fetch(link.url);
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain(`Välkommen, ${company.organisation.replace('&', '&amp;')}.`);
    }
    const alfa = await getInvitee(db, 'company-value', address('alfa'));
    expect(alfa?.sentAt).toBe(noon.toISOString());
  });

  it('accepts one answer through a personal link', async () => {
    const response = await answer('company-value', tokens.alfa!);
    expect(response.status).toBe(201);
  });

  it('reminds exactly the two companies that have not answered, with links that greet them', async () => {
    const result = await skc(['remind', '--survey', 'company-value']);

    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(
      /company-value: reminded 2, failed 0; skipped 1 answered, 0 already reminded today/,
    );
    expect(await reminders('alfa')).toHaveLength(0);
    for (const who of ['beta', 'gamma']) {
      const mails = await reminders(who);
      expect(mails).toHaveLength(1);
      const link = linkIn(mails[0], 'company-value');
      expect(link.token).not.toBe(tokens[who]);
      const page = await fetch(link.url);
      expect(page.status).toBe(200);
      const organisation = companies.find((company) => company.who === who)!.organisation;
      expect(await page.text()).toContain(`Välkommen, ${organisation.replace('&', '&amp;')}.`);
      tokens[`${who}-reminder`] = link.token;
    }
  });

  it('accepts an answer with the token from a reminder, and no second answer through the first link', async () => {
    expect((await answer('company-value', tokens['gamma-reminder']!)).status).toBe(201);

    const again = await answer('company-value', tokens.gamma!);
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('already_answered');
  });

  it('answers a reused token with 409 already_answered, on the form and on submit', async () => {
    const reused = await answer('company-value', tokens.alfa!);
    expect(reused.status).toBe(409);
    expect(reused.json.error).toBe('already_answered');
    const page = await fetch(`${app.url}/forms/company-value?token=${tokens.alfa}`);
    expect(page.status).toBe(409);
  });

  it('refuses a token of another survey with 403', async () => {
    const steering = csvFile('steering.csv', [
      'email,organisation,region',
      `${address('styrgrupp')},Teknikcollege Östra Småland,Östra Småland`,
    ]);
    expect((await skc(['invite', '--survey', 'steering-group', '--csv', steering])).code).toBe(0);
    const foreign = linkIn((await invitations('styrgrupp'))[0], 'steering-group').token;

    const submit = await answer('company-value', foreign);
    expect(submit.status).toBe(403);
    expect(submit.json.error).toBe('forbidden');
    const page = await fetch(`${app.url}/forms/company-value?token=${foreign}`);
    expect(page.status).toBe(403);
    expect((await answer('steering-group', foreign, steeringGroup())).status).toBe(201);
  });

  it('sends a second reminder the same day to nobody', async () => {
    const result = await skc(['remind', '--survey', 'company-value']);

    expect(result.code).toBe(0);
    expect(result.out).toMatch(/reminded 0, failed 0; skipped 2 answered, 1 already reminded today/);
    expect(await reminders('beta')).toHaveLength(1);
  });

  it('reminds the one who has still not answered again on a later day', async () => {
    const result = await skc(['remind', '--survey', 'company-value'], { now: nextDay });

    expect(result.out).toMatch(/reminded 1, failed 0; skipped 2 answered, 0 already reminded today/);
    expect(await reminders('beta')).toHaveLength(2);
    expect(await reminders('gamma')).toHaveLength(1);
  });

  it('reminds once when two runs start at the same time', async () => {
    const later = new Date(nextDay.getTime() + 24 * 3_600_000);

    const runs = await Promise.all([
      skc(['remind', '--survey', 'company-value'], { now: later }),
      skc(['remind', '--survey', 'company-value'], { now: later }),
    ]);

    expect(runs.map((result) => result.code)).toEqual([0, 0]);
    const reminded = runs.map((result) => Number(/reminded (\d+)/.exec(result.out)?.[1]));
    expect(reminded.sort()).toEqual([0, 1]);
    expect(await reminders('beta')).toHaveLength(3);
  });

  it('skips everyone already invited when the same list is run again', async () => {
    const result = await skc(['invite', '--survey', 'company-value', '--csv', list]);

    expect(result.code).toBe(0);
    expect(result.out).toContain('company-value: invited 0, skipped 3 (already invited), sent 0, failed 0');
    for (const company of companies) expect(await invitations(company.who)).toHaveLength(1);
  });

  it('counts invited 3 and answered 2, by region too', async () => {
    const { Item: item } = await db.documents.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.invites('company-value'),
        ConsistentRead: true,
      }),
    );
    expect(countersOf(item)).toMatchObject({
      invited: 3,
      answered: 2,
      'invited@tc-ostra-smaland': 2,
      'invited@tc-kronoberg': 1,
      'answered@tc-ostra-smaland': 2,
    });
    expect(countersOf(item)['answered@tc-kronoberg']).toBeUndefined();
  });

  it('refuses to remind once the survey has closed', async () => {
    const result = await skc(['remind', '--survey', 'company-value'], {
      now: new Date('2027-07-01T00:00:00+02:00'),
    });

    expect(result.code).toBe(1);
    expect(result.err).toContain('company-value closed at 2027-07-01T00:00:00+02:00; no reminders were sent');
    expect(await reminders('beta')).toHaveLength(3);
  });
});

describe('skc invite with a bad list', () => {
  it('reports every bad line and stores and sends nothing', async () => {
    const list = csvFile('bad.csv', [
      'email,organisation,region',
      `${address('ok')},Bra Företag AB,Östra Småland`,
      `inte-en-adress,Företag,Östra Småland`,
      `${address('tom')},,Östra Småland`,
      `${address('ok')},Dubbel AB,Östra Småland`,
      `${address('okand')},Okänd Region AB,lappland`,
      `${address('lan')},Länet AB,kalmar`,
    ]);

    const result = await skc(['invite', '--survey', 'company-value', '--csv', list]);

    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines.filter((line) => line.startsWith(`${list}:`)).map((line) => line.split(':')[1])).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(result.err).toContain(`${list}:6: unknown region "lappland"; use one of Gotland, `);
    expect(result.err).toContain(`${list}:7: "kalmar" is a county, not a Teknikcollege region; use one of `);
    expect(result.err).toContain('5 lines of');
    expect(result.err).toContain('nothing was stored or sent');
    expect(await sentMail(address('ok'))).toHaveLength(0);
    expect(await getInvitee(db, 'company-value', address('ok'))).toBeUndefined();
  });

  it('refuses an open-link survey as a usage error', async () => {
    const list = csvFile('open.csv', [
      'email,organisation,region',
      `${address('open')},Öppen AB,Östra Småland`,
    ]);
    const result = await skc(['invite', '--survey', 'centre-application', '--csv', list]);

    expect(result.code).toBe(2);
    expect(result.err).toContain('answered through an open link');
  });

  it('prints what it would do on --dry-run and sends nothing', async () => {
    const list = csvFile('dry.csv', ['email,organisation,region', `${address('torr')},Torr AB,Gotland`]);
    const result = await skc(['invite', '--survey', 'company-value', '--csv', list, '--dry-run']);

    expect(result.code).toBe(0);
    expect(result.out).toContain(`line 2: would invite ${address('torr')} (Torr AB, tc-gotland)`);
    expect(result.out).toContain('Would have: company-value: invited 1');
    expect(await sentMail(address('torr'))).toHaveLength(0);
    expect(await getInvitee(db, 'company-value', address('torr'))).toBeUndefined();
  });
});

describe('skc invite when SES is unreachable', () => {
  it('fails with one clear line, marks nothing sent, and a rerun sends every invitation', async () => {
    const list = csvFile('outage.csv', [
      'email,organisation,region',
      `${address('avbrott1')},Första Styrgruppen,Sydost`,
      `${address('avbrott2')},Andra Styrgruppen,Göteborgsregionen`,
    ]);
    const closed = `http://127.0.0.1:${await freePort()}`;

    const failed = await skc(['invite', '--survey', 'steering-group', '--csv', list], {
      env: { ...process.env, SKC_SES_ENDPOINT: closed },
    });

    expect(failed.code).toBe(1);
    expect(failed.err.split('\n')).toHaveLength(1);
    expect(failed.err).toMatch(/^skc invite: cannot reach SES; nothing more was marked as sent/);
    expect(failed.out).toContain('Stopped after 0 of 2 rows');
    const first = await getInvitee(db, 'steering-group', address('avbrott1'));
    expect(first).toBeDefined();
    expect(first?.sentAt).toBeUndefined();
    expect(await sentMail(address('avbrott1'))).toHaveLength(0);

    const rerun = await skc(['invite', '--survey', 'steering-group', '--csv', list]);

    expect(rerun.code).toBe(0);
    expect(rerun.out).toContain('steering-group: invited 1, skipped 0 (already invited), sent 2, failed 0');
    for (const who of ['avbrott1', 'avbrott2']) {
      const mails = await invitations(who);
      expect(mails).toHaveLength(1);
      const page = await fetch(linkIn(mails[0], 'steering-group').url);
      expect(page.status).toBe(200);
    }
    expect((await getInvitee(db, 'steering-group', address('avbrott1')))?.sentAt).toBe(noon.toISOString());
  });

  it('leaves nobody marked reminded when SES is unreachable, so a rerun reminds them', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;

    const failed = await skc(['remind', '--survey', 'steering-group'], {
      env: { ...process.env, SKC_SES_ENDPOINT: closed },
    });

    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^skc remind: cannot reach SES/);
    for (const who of ['avbrott1', 'avbrott2'])
      expect((await getInvitee(db, 'steering-group', address(who)))?.remindedAt).toBeUndefined();
    expect(await reminders('avbrott1')).toHaveLength(0);

    const rerun = await skc(['remind', '--survey', 'steering-group']);

    expect(rerun.out).toMatch(/steering-group: reminded 2, failed 0; skipped 1 answered/);
    const link = linkIn((await reminders('avbrott1'))[0], 'steering-group');
    expect((await fetch(link.url)).status).toBe(200);
  });
});

describe('skc invite with many rows', () => {
  it('sends several invitations at once, never more than the SES bound, and marks each sent', async () => {
    const rows = Array.from(
      { length: 12 },
      (_, index) => `${address(`many${index}`)},Företag ${index} AB,kalmar`,
    );
    const list = csvFile('many.csv', ['email,organisation,region', ...rows]);
    let inFlight = 0;
    let most = 0;
    const mailer: Mailer = {
      async send() {
        most = Math.max(most, ++inFlight);
        // Hold each send until a second one is in flight (or a second passes), so overlap shows
        // even when the store is slow; a one-at-a-time loop would always time out here.
        const until = Date.now() + 1_000;
        while (inFlight < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return { messageId: randomUUID() };
      },
    };

    const out: string[] = [];
    const code = await main(
      ['invite', '--survey', 'company-value', '--csv', list],
      process.env,
      { out: (line) => out.push(line), err: () => undefined },
      { now: () => noon, progress: () => {}, mailer: () => mailer },
    );

    expect(code).toBe(0);
    expect(out.join('\n')).toContain(
      'company-value: invited 12, skipped 0 (already invited), sent 12, failed 0',
    );
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(SES_CONCURRENCY);
    expect((await getInvitee(db, 'company-value', address('many11')))?.sentAt).toBe(noon.toISOString());
  });
});
