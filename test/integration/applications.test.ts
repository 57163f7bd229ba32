import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { createMailer } from '../../shared/adapters/ses.ts';
import { deliverOutbox, type OutboxDeps } from '../../shared/adapters/outbox.ts';
import { pendingOutbox } from '../../shared/adapters/store/outbox.ts';
import { getApplication, getHistory } from '../../shared/adapters/store/applications.ts';
import { addCentre, getCentre } from '../../shared/adapters/store/centres.ts';
import { localDate } from '../../shared/core/calendar.ts';
import { countersOf } from '../../shared/adapters/store/client.ts';
import { responsePages } from '../../shared/adapters/store/export.ts';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { keys } from '../../shared/adapters/store/keys.ts';
import { emailHash } from '../../shared/core/tokens.ts';
import { criteria } from '../../surveys/criteria.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, sentMail, startApp, testMailer, wiring } from './harness.ts';

const app = await startApp();
const { db, getSurvey, config } = wiring();
const deps: OutboxDeps = {
  db,
  mailer: testMailer(),
  getSurvey,
  publicUrl: config.SKC_PUBLIC_URL,
  now: () => new Date(),
};

/** A person of their own per test, so mail and table scans find only them. */
function applicant() {
  const tag = randomUUID().slice(0, 8);
  return {
    email: `anna.${tag}@example.se`,
    contactName: `Anna Andersson-${tag}`,
    processLeaderName: `Per Persson-${tag}`,
    chairName: `Karin Karlsson-${tag}`,
    contactPhone: `070-${tag.replace(/\D/g, '7').slice(0, 7)}`,
  };
}

function answersOf(person: ReturnType<typeof applicant>, overrides: Record<string, unknown> = {}) {
  return centreApplication({
    contactName: person.contactName,
    contactEmail: person.email,
    contactPhone: person.contactPhone,
    processLeaderName: person.processLeaderName,
    chairName: person.chairName,
    ...overrides,
  });
}

async function submit(answers: Record<string, unknown>): Promise<string> {
  const response = await postJson(app, '/surveys/centre-application/responses', {
    submissionId: randomUUID(),
    answers,
  });
  expect(response.status).toBe(201);
  return response.json.responseId as string;
}

async function skc(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, process.env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function statusCounters(): Promise<Record<string, number>> {
  const { Item: item } = await db.documents.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.statuses('centre-application'),
      ConsistentRead: true,
    }),
  );
  return countersOf(item);
}

type RawItem = Record<string, AttributeValue>;

async function scanAll(): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        ConsistentRead: true,
        ...(start && { ExclusiveStartKey: start }),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('receipts', () => {
  it('emails the applicant a confirmation with the reference, and none of the typed answers', async () => {
    // Prepare
    const person = applicant();
    const id = await submit(
      answersOf(person, {
        centreName: '<script>alert("x")</script> & Söner',
        criteriaFollowUp: 'Två möten per år.\nBesök https://phish.example hos centret.',
      }),
    );
    // Act
    const deliveries = await deliverOutbox(deps, [`receipt#${id}`]);
    // Assess
    expect(deliveries).toEqual([{ id: `receipt#${id}`, outcome: 'sent', kind: 'receipt' }]);
    const [mail, ...more] = await sentMail(person.email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toContain(id);
    expect(mail!.subject).toMatch(/^Bekräftelse/);
    const body = mail!.body.html!;
    expect(body).toContain(id);
    expect(mail!.body.text).toContain(`Ert referensnummer: ${id}`);
    // The open form mails whatever address was typed: nothing else typed goes with it.
    for (const part of [body, mail!.body.text!, mail!.subject]) {
      expect(part).not.toContain('Söner');
      expect(part).not.toContain('Två möten per år.');
      expect(part).not.toContain('phish.example');
      expect(part).not.toContain(person.contactName);
    }
  });

  it('sends the copy of the answers on request, to the address on file only, without names', async () => {
    // Prepare
    const person = applicant();
    const id = await submit(
      answersOf(person, { criteriaFollowUp: 'Två möten per år <b>med</b> styrgruppen.' }),
    );
    // Act
    const copied = await skc('copy', id.toLowerCase());
    const unknown = await skc('copy', 'ZZZZ-ZZZZ-ZZZZ');
    // Assess
    expect(copied).toMatchObject({ code: 0, out: `Sent a copy of ${id} to the address on file.` });
    const [mail, ...more] = (await sentMail(person.email)).filter((sent) => sent.subject.startsWith('Kopia'));
    expect(more).toHaveLength(0);
    expect(mail!.body.text).toContain('Två möten per år <b>med</b> styrgruppen.');
    expect(mail!.body.html).toContain('Två möten per år &lt;b&gt;med&lt;/b&gt; styrgruppen.');
    expect(mail!.body.text).not.toContain(person.contactName);
    expect(unknown.code).toBe(1);
  });

  it('never sends a receipt twice, however often it is delivered', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    const first = await deliverOutbox(deps, [`receipt#${id}`]);
    const again = await deliverOutbox(deps, [`receipt#${id}`, `receipt#${id}`]);
    expect(first[0]!.outcome).toBe('sent');
    expect(again.map((delivery) => delivery.outcome)).toEqual(['done', 'done']);
    expect(await sentMail(person.email)).toHaveLength(1);
  });

  it('sends a receipt once when two deliverers race for it', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    const results = await Promise.all([
      deliverOutbox(deps, [`receipt#${id}`]),
      deliverOutbox(deps, [`receipt#${id}`]),
      deliverOutbox(deps, [`receipt#${id}`]),
    ]);
    const outcomes = results.map(([delivery]) => delivery!.outcome);
    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(1);
    expect(await sentMail(person.email)).toHaveLength(1);
  });

  it('leaves a receipt pending when SES cannot be reached, and sends it on the next attempt', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    const broken = createMailer({
      region: config.AWS_REGION,
      from: config.SKC_FROM_ADDRESS,
      endpoint: 'http://127.0.0.1:1',
    });
    const failed = await deliverOutbox({ ...deps, mailer: broken }, [`receipt#${id}`]);
    expect(failed[0]!.outcome).toBe('not-sent');
    expect((await pendingOutbox(db, 1000)).ids).toContain(`receipt#${id}`);
    const retried = await deliverOutbox(deps, [`receipt#${id}`]);
    expect(retried[0]!.outcome).toBe('sent');
    expect((await pendingOutbox(db, 1000)).ids).not.toContain(`receipt#${id}`);
    expect(await sentMail(person.email)).toHaveLength(1);
  });

  it('sends outbox inserts from a stream event and ignores other records', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    const { handler } = await import('../../functions/mailer.ts');
    const record = (eventName: 'INSERT' | 'MODIFY', pk: string, sequence: string) => ({
      eventName,
      dynamodb: { Keys: { pk: { S: pk }, sk: { S: 'X' } }, SequenceNumber: sequence },
    });
    const event = {
      Records: [
        record('INSERT', `RESP#${id}`, '1'),
        record('MODIFY', `OUTBOX#receipt#${id}`, '2'),
        record('INSERT', `OUTBOX#receipt#${id}`, '3'),
      ],
    };
    expect(await handler(event as never)).toEqual({ batchItemFailures: [] });
    expect(await handler(event as never)).toEqual({ batchItemFailures: [] });
    expect(await sentMail(person.email)).toHaveLength(1);
  });
});

describe('review workflow', () => {
  it('follows an application from submission to approval with an email at each step', async () => {
    // Prepare
    const person = applicant();
    const id = await submit(answersOf(person));
    await deliverOutbox(deps, [`receipt#${id}`]);
    const before = await statusCounters();
    process.env.SKC_ADMIN = 'Granskare Test';
    // Act
    const inReview = await skc('review', id, '--decision', 'in-review', '--note', 'Vi läser <ansökan>.');
    const approved = await skc('review', id, '--decision', 'approved', '--note', 'Alla kriterier uppfylls.');
    delete process.env.SKC_ADMIN;
    // Assess
    expect(inReview).toMatchObject({ code: 0 });
    expect(approved).toMatchObject({ code: 0 });
    expect(approved.out).toContain('The applicant has been emailed.');
    const mails = await sentMail(person.email);
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringContaining('Bekräftelse'),
      expect.stringContaining('Under granskning'),
      expect.stringContaining('Godkänd'),
    ]);
    expect(mails[1]!.body.html).toContain('Vi läser &lt;ansökan&gt;.');
    expect(mails[2]!.body.text).toContain('Alla kriterier uppfylls.');
    // The decision repeats the reviewer's note, never what the applicant typed (the centre's name).
    const typedName = String(answersOf(person).centreName);
    for (const mail of mails)
      expect(`${mail.subject}${mail.body.text}${mail.body.html}`).not.toContain(typedName);
    const history = await getHistory(db, id);
    expect(history.map(({ from, to, by, note }) => ({ from, to, by, note }))).toEqual([
      { from: 'submitted', to: 'in-review', by: 'Granskare Test', note: 'Vi läser <ansökan>.' },
      { from: 'in-review', to: 'approved', by: 'Granskare Test', note: 'Alla kriterier uppfylls.' },
    ]);
    const after = await statusCounters();
    expect((after.submitted ?? 0) - (before.submitted ?? 0)).toBe(-1);
    expect((after.approved ?? 0) - (before.approved ?? 0)).toBe(1);
    expect((after['in-review'] ?? 0) - (before['in-review'] ?? 0)).toBe(0);
    const listed = await skc('applications');
    expect(listed.out).toMatch(
      new RegExp(`${id}\\s+Additivt Teknikcenter i Hultsfred\\s+Östra Småland\\s+approved`),
    );
  });

  it('refuses a change to a final decision with a clear message and sends nothing', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    expect((await skc('review', id, '--decision', 'rejected', '--note', 'Saknar styrgrupp.')).code).toBe(0);
    const refused = await skc('review', id, '--decision', 'approved', '--note', 'Ändrat oss.');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Ansökan är redan avslagen; det beslutet är slutligt');
    expect(refused.err).toContain('The application is already rejected; that decision is final');
    expect((await sentMail(person.email)).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('Avslagen'),
    ]);
    expect(await getHistory(db, id)).toHaveLength(1);
  });

  it('answers an unknown reference with exit 1 and a wrong decision with exit 2', async () => {
    const unknown = await skc('review', 'ZZZZ-ZZZZ-ZZZZ', '--decision', 'in-review', '--note', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no application with reference ZZZZ-ZZZZ-ZZZZ');
    const wrong = await skc('review', 'ZZZZ-ZZZZ-ZZZZ', '--decision', 'maybe', '--note', 'x');
    expect(wrong.code).toBe(2);
  });

  it('links a resubmission after changes were requested to the first application', async () => {
    const person = applicant();
    const orgNumber = '556036-0793';
    const first = await submit(answersOf(person, { orgNumber }));
    const requested = await skc(
      'review',
      first,
      '--decision',
      'changes-requested',
      '--note',
      'Lägg till kurserna.',
    );
    expect(requested.code).toBe(0);
    const [mail] = (await sentMail(person.email)).filter((sent) => sent.subject.includes('Komplettering'));
    expect(mail!.body.html).toContain(`href="${config.SKC_PUBLIC_URL}/forms/centre-application"`);
    const second = await submit(answersOf(person, { orgNumber }));
    const listed = await skc('applications');
    expect(listed.out).toMatch(new RegExp(`${second}.*resubmits ${first}`));
    expect(listed.out).not.toMatch(new RegExp(`${first}.*resubmits`));
  });
});

describe('export', () => {
  it('exports the exact stored answers as CSV and JSON', async () => {
    // Prepare
    const person = applicant();
    const answers = answersOf(person, {
      centreName: '=HYPERLINK("http://evil.test")',
      criteriaFollowUp: 'Rad ett, "citat"\nrad två',
    });
    const id = await submit(answersOf(person, answers));
    const folder = await mkdtemp(join(tmpdir(), 'skc-export-'));
    const file = join(folder, 'ansokningar.csv');
    // Act
    const csvRun = await skc('export', '--survey', 'centre-application', '--out', file, '--labels', 'sv');
    const jsonRun = await skc('export', '--survey', 'centre-application', '--format', 'json');
    // Assess
    expect(csvRun.code).toBe(0);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, labels, ...rows] = parse(bytes, { bom: true }) as string[][];
    expect(labels![header!.indexOf('centreName')]).toBe('Kompetenscentrumets namn');
    const row = rows.find((cells) => cells[0] === id)!;
    const cell = (name: string) => row[header!.indexOf(name)];
    expect(cell('centreName')).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(cell('criteriaFollowUp')).toBe('Rad ett, "citat"\nrad två');
    expect(cell('contactEmail')).toBe(person.email);
    expect(cell('chairName')).toBe(person.chairName);
    expect(JSON.parse(cell('courses')!)).toEqual(answers.courses);
    expect(cell(`criteriaRating.${criteria[1]!.id}`)).toBe('4');
    expect(cell('evaluationContact')).toBe('true');

    expect(jsonRun.code).toBe(0);
    const exported = JSON.parse(jsonRun.out) as Record<string, unknown>[];
    const object = exported.find((candidate) => candidate.responseId === id)!;
    const { criteriaRating, ...plain } = answers as Record<string, unknown> & {
      criteriaRating: Record<string, number>;
    };
    expect(object).toMatchObject(plain);
    for (const [rowId, value] of Object.entries(criteriaRating))
      expect(object[`criteriaRating.${rowId}`]).toBe(value);
    expect(Object.keys(object).slice(0, 3)).toEqual(['responseId', 'submissionId', 'submittedAt']);
  });

  it('pages through every response exactly once', async () => {
    await submit(answersOf(applicant()));
    await submit(answersOf(applicant()));
    const ids: string[] = [];
    for await (const page of responsePages(db, 'centre-application', 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      ids.push(...page.map(({ response }) => response.responseId));
    }
    const stored = (await scanAll()).filter(
      (item) => item.sk?.S === 'RESPONSE' && item.surveyId?.S === 'centre-application',
    );
    expect(ids.length).toBe(stored.length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('erase', () => {
  it('leaves no trace of the person while the aggregate counters stay the same', async () => {
    // Prepare
    const person = applicant();
    const id = await submit(answersOf(person));
    await deliverOutbox(deps, [`receipt#${id}`]);
    await skc('review', id, '--decision', 'in-review', '--note', 'Påbörjad.');
    await createInvitation(
      db,
      {
        surveyId: 'company-value',
        email: person.email,
        organisation: 'Verkstad AB',
        region: 'tc-ostra-smaland',
        name: person.contactName,
      },
      'x'.repeat(32).replace(/x/g, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]!),
      { now: new Date(), expiresAt: 1_900_000_000 },
    );
    const aggregates = async () =>
      (await scanAll())
        .filter((item) => item.pk?.S?.startsWith('AGG#'))
        .map((item) => JSON.stringify(item))
        .sort();
    const counters = await aggregates();
    // Act
    const erased = await skc('erase', '--email', person.email.toUpperCase());
    // Assess
    expect(erased.code).toBe(0);
    expect(erased.out).toContain('responses (personal answers deleted): 1');
    expect(erased.out).toContain('invitations (invitee deleted):        1');
    expect(erased.out).toContain('personal invitation links deleted:    1');
    expect(erased.out).toContain('lookup items deleted:                 2');
    expect(erased.out).not.toContain(person.contactName);
    const everything = JSON.stringify(await scanAll());
    for (const trace of [
      person.email,
      emailHash(person.email),
      person.contactName,
      person.processLeaderName,
      person.chairName,
      person.contactPhone,
    ])
      expect(everything).not.toContain(trace);
    expect(await aggregates()).toEqual(counters);
    const again = await skc('erase', '--email', person.email);
    expect(again.out).toContain('No personal data found');
  });

  it('skips mail still pending for a person erased meanwhile, and their export cells are empty', async () => {
    const person = applicant();
    const id = await submit(answersOf(person));
    expect((await skc('erase', '--email', person.email)).code).toBe(0);
    expect(await deliverOutbox(deps, [`receipt#${id}`])).toEqual([
      { id: `receipt#${id}`, outcome: 'skipped', kind: 'receipt' },
    ]);
    expect(await sentMail(person.email)).toHaveLength(0);
    const exported = JSON.parse(
      (await skc('export', '--survey', 'centre-application', '--format', 'json')).out,
    ) as Record<string, unknown>[];
    const row = exported.find((candidate) => candidate.responseId === id)!;
    expect(row).toMatchObject({
      contactEmail: null,
      contactName: null,
      chairName: null,
      centreName: 'Additivt Teknikcenter i Hultsfred',
    });
  });
});

describe('decisions: the committee’s judgement and the centre an approval links', () => {
  const centreName = () => `Teknikcenter ${randomUUID().slice(0, 8)}`;
  const slugOf = (name: string) => name.toLowerCase().replace(' ', '-');

  it('registers a new centre from an approved application, with criteria and hours, in one step', async () => {
    // Prepare
    const name = centreName();
    const id = await submit(answersOf(applicant(), { centreName: name, region: 'tc-gotland' }));
    // Act
    const result = await skc(
      'review',
      id,
      '--decision',
      'approved',
      '--note',
      'Uppfyller kriterierna.',
      '--criteria',
      'regional-collaboration=4,employer-involvement=5',
      '--hours',
      '6,5',
    );
    // Assess
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain(
      `Registered the centre ${name} (${slugOf(name)}), approved ${localDate(new Date())}.`,
    );
    expect(await getCentre(db, slugOf(name))).toEqual({
      slug: slugOf(name),
      name,
      region: 'tc-gotland',
      approvedOn: localDate(new Date()),
      applicationId: id,
    });
    const [entry] = await getHistory(db, id);
    expect(entry).toMatchObject({
      to: 'approved',
      criteria: { 'regional-collaboration': 4, 'employer-involvement': 5 },
      hours: 6.5,
      centre: slugOf(name),
    });
    expect((await getApplication(db, id))?.status).toBe('approved');
    const listed = await skc('centres', '--json');
    expect(JSON.parse(listed.out)).toContainEqual(
      expect.objectContaining({ slug: slugOf(name), applicationId: id }),
    );
  });

  it('refuses to approve when a centre of that name is registered, telling to use --centre, deciding nothing', async () => {
    // Prepare
    const name = centreName();
    expect(
      await addCentre(db, { slug: slugOf(name), name, region: 'kalmar', approvedOn: '2023-12-15' }),
    ).toBe('added');
    const person = applicant();
    const id = await submit(answersOf(person, { centreName: name.toUpperCase() }));
    // Act
    const refused = await skc('review', id, '--decision', 'approved', '--note', 'Ja.');
    // Assess
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `skc review: a centre named "${name}" is already registered; approve with --centre ${slugOf(name)} to link it. Nothing was decided.`,
    );
    expect(await getHistory(db, id)).toEqual([]);
    expect((await getApplication(db, id))?.status).toBe('submitted');
    expect(await sentMail(person.email)).toHaveLength(0);

    // Act: link it instead.
    const linked = await skc(
      'review',
      id,
      '--decision',
      'approved',
      '--note',
      'Ja.',
      '--centre',
      slugOf(name),
    );
    // Assess
    expect(linked.code).toBe(0);
    expect(linked.out).toContain(`Linked to the centre ${slugOf(name)}.`);
    expect(await getCentre(db, slugOf(name))).toMatchObject({ approvedOn: '2023-12-15', applicationId: id });
    expect((await getHistory(db, id))[0]?.centre).toBe(slugOf(name));
  });

  it('refuses an unknown --centre, deciding nothing', async () => {
    const id = await submit(answersOf(applicant(), { centreName: centreName() }));
    const refused = await skc(
      'review',
      id,
      '--decision',
      'approved',
      '--note',
      'Ja.',
      '--centre',
      'finns-inte',
    );
    expect(refused).toMatchObject({
      code: 1,
      err: 'skc review: unknown centre "finns-inte"; see skc centres. Nothing was decided.',
    });
    expect(await getHistory(db, id)).toEqual([]);
  });

  it('records criteria and hours on any review step, and refuses bad ones or a misplaced --centre (exit 2)', async () => {
    const id = await submit(answersOf(applicant(), { centreName: centreName() }));
    const step = await skc(
      'review',
      id,
      '--decision',
      'in-review',
      '--note',
      '',
      '--criteria',
      'courses-and-capacity=2',
      '--hours',
      '3',
    );
    expect(step.code).toBe(0);
    expect((await getHistory(db, id))[0]).toMatchObject({
      criteria: { 'courses-and-capacity': 2 },
      hours: 3,
    });
    expect((await getHistory(db, id))[0]?.centre).toBeUndefined();

    const scale = await skc(
      'review',
      id,
      '--decision',
      'rejected',
      '--note',
      'Nej.',
      '--criteria',
      'courses-and-capacity=7',
    );
    expect(scale.code).toBe(2);
    expect(scale.err).toContain('--criteria: courses-and-capacity=7 is not a whole number from 1 to 5');
    const unknown = await skc(
      'review',
      id,
      '--decision',
      'rejected',
      '--note',
      'Nej.',
      '--criteria',
      'vibes=3',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      `unknown criterion "vibes"; the criteria are ${criteria.map((criterion) => criterion.id).join(', ')}`,
    );
    const hours = await skc('review', id, '--decision', 'rejected', '--note', 'Nej.', '--hours', 'många');
    expect(hours.code).toBe(2);
    const misplaced = await skc('review', id, '--decision', 'rejected', '--note', 'Nej.', '--centre', 'x');
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).toContain('--centre goes with --decision approved');
    expect(await getHistory(db, id)).toHaveLength(1);
  });
});
