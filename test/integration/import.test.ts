import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { keys } from '../../shared/adapters/store/keys.ts';
import { getItem } from '../../shared/adapters/store/client.ts';
import { prepareTable } from '../../local/services.ts';
import { companyValue as survey } from '../../surveys/company-value.ts';
import { companyValue } from '../fixtures/answers.ts';
import { importCsv, type ImportRow } from '../fixtures/import.ts';
import { allResponses, recomputedCounters, sentMail, storedCounters, wiring } from './harness.ts';

const { db } = wiring();
const folder = mkdtempSync(join(tmpdir(), 'skc-import-'));
const now = new Date('2026-12-02T12:00:00Z');

await db.client.send(
  new PutItemCommand({
    TableName: db.tableName,
    Item: {
      pk: { S: 'CENTRE#additivt-teknikcenter' },
      sk: { S: 'CENTRE' },
      slug: { S: 'additivt-teknikcenter' },
      name: { S: 'Additivt Teknikcenter' },
      region: { S: 'tc-ostra-smaland' },
      approvedOn: { S: '2023-12-15' },
    },
  }),
);

type Row = ImportRow;

/** A file in the columns `skc export` writes, plus centre. */
function csvFile(name: string, rows: Row[]): string {
  const text = importCsv(survey, rows);
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function skc(argv: string[], env: Record<string, string | undefined> = process.env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    env,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => now, progress: () => {} },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const outboxItems = async () =>
  (
    await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': { S: 'OUTBOX#' } },
      }),
    )
  ).Items ?? [];

const given = randomUUID();
const earlier: Row[] = [
  {
    submittedAt: '2023-12-05T10:00:00+01:00',
    answers: companyValue({ wholeCentreValue: 2 }),
    centre: 'Additivt Teknikcenter',
  },
  {
    submittedAt: '2024-03-01T10:00:00+01:00',
    answers: companyValue({ wholeCentreValue: 3 }),
    centre: 'additivt-teknikcenter',
  },
  {
    submittedAt: '2024-03-02T10:00:00+01:00',
    answers: companyValue({ wholeCentreValue: 4 }),
    centre: 'ADDITIVT TEKNIKCENTER',
  },
  { submittedAt: '2024-03-03T10:00:00+01:00', answers: companyValue({ recommend: 3 }), submissionId: given },
  { submittedAt: '2024-10-01T10:00:00+02:00', answers: companyValue({ greatestValue: '=2+3 is text here' }) },
];

describe('skc import', () => {
  const file = csvFile('earlier.csv', earlier);

  it('checks a file without storing anything on --dry-run', async () => {
    const result = await skc(['import', '--survey', 'company-value', '--csv', file, '--dry-run']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Would have: company-value: imported 5, skipped 0 (already imported)');
    expect(await allResponses('company-value')).toHaveLength(0);
  });

  it('imports a clean file: marked imported, with centre and wave, counted like any answer', async () => {
    const mailBefore = (await sentMail()).length;
    const result = await skc(['import', '--survey', 'company-value', '--csv', file]);

    expect(result.code).toBe(0);
    expect(result.out).toBe('company-value: imported 5, skipped 0 (already imported)');
    expect(result.err).toContain('imported 5 of 5');
    const stored = await allResponses('company-value');
    expect(stored).toHaveLength(5);
    expect(stored.map((response) => response.submittedAt).sort()).toEqual(
      earlier.map((row) => new Date(row.submittedAt).toISOString()).sort(),
    );
    expect(stored.some((response) => response.submissionId === given)).toBe(true);
    for (const response of stored) {
      const item = (await getItem(db, keys.response(response.responseId)))!;
      expect(item.imported).toBe(true);
      expect(item.wave).toMatch(/^\d{4}-(VT|HT)$/);
    }
    const first = stored.find((response) => response.submittedAt.startsWith('2023-12-05'))!;
    const item = (await getItem(db, keys.response(first.responseId)))!;
    expect(item).toMatchObject({
      centre: 'additivt-teknikcenter',
      region: 'tc-ostra-smaland',
      wave: '2023-HT',
    });
    expect(
      stored.find((response) => response.submittedAt.startsWith('2024-10-01'))!.answers.greatestValue,
    ).toBe('=2+3 is text here');
    expect(await storedCounters('company-value')).toEqual(await recomputedCounters('company-value'));

    // No mail, no outbox item, no invitation, and nothing counted as an answered invitation.
    expect((await sentMail()).length).toBe(mailBefore);
    expect(await outboxItems()).toEqual([]);
    expect(await getItem(db, keys.invites('company-value'))).toBeUndefined();
  });

  it('stores nothing twice when the same file comes again', async () => {
    const result = await skc(['import', '--survey', 'company-value', '--csv', file]);
    expect(result).toMatchObject({ code: 0, out: 'company-value: imported 0, skipped 5 (already imported)' });
    expect(await allResponses('company-value')).toHaveLength(5);
  });

  it('leaves imported answers out of response rates but counts them in the report, marked', async () => {
    const result = await skc(['report', '--format', 'json']);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.out);
    expect(model.national.rates).toEqual([]);
    const value = model.national.value.find(
      (row: { surveyId: string; questionId: string }) =>
        row.surveyId === 'company-value' && row.questionId === 'wholeCentreValue',
    );
    // One answer before the centre's approval (2023-12-15) is its baseline; four count in the pilot.
    expect(value.baseline).toEqual({ n: 1, imported: 1 });
    expect(value.pilot).toMatchObject({ n: 4, imported: 4 });
    expect(model.national).toMatchObject({ answers: 5, imported: 5 });
  });

  it('refuses a file with several bad lines, naming every one, and stores nothing', async () => {
    const bad = csvFile('bad.csv', [
      { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue({ recommend: 4 }) },
      { submittedAt: 'last spring', answers: companyValue() },
      { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue({ wholeCentreValue: 7 }) },
      {
        submittedAt: '2024-03-05T10:00:00Z',
        answers: companyValue({ industry: 'rymdfart' }),
        centre: 'Ingenstans',
      },
    ]);
    const result = await skc(['import', '--survey', 'company-value', '--csv', bad]);
    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines.filter((line) => line.startsWith(`${bad}:`)).map((line) => line.split(':')[1])).toEqual([
      '3',
      '4',
      '5',
      '5',
    ]);
    expect(result.err).toContain(`${bad}:3: submittedAt "last spring" is not an ISO 8601 date and time`);
    expect(result.err).toContain(`${bad}:5: unknown centre "Ingenstans"`);
    expect(lines.at(-1)).toBe(
      `skc import: 3 lines of ${bad} must be fixed (listed above); nothing was imported`,
    );
    expect(await allResponses('company-value')).toHaveLength(5);
  });

  it('refuses a file whose only problem is an unknown centre', async () => {
    const unknown = csvFile('unknown-centre.csv', [
      { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue(), centre: 'Okänt Teknikcenter' },
    ]);
    const result = await skc(['import', '--survey', 'company-value', '--csv', unknown]);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')[0]).toBe(
      `${unknown}:2: unknown centre "Okänt Teknikcenter"; register it with skc centres add, or leave the cell empty`,
    );
    expect(await allResponses('company-value')).toHaveLength(5);
  });

  it('refuses a row whose submissionId is already stored with other answers', async () => {
    const conflict = csvFile('conflict.csv', [
      {
        submittedAt: '2024-03-03T10:00:00+01:00',
        answers: companyValue({ recommend: 10 }),
        submissionId: given,
      },
    ]);
    const result = await skc(['import', '--survey', 'company-value', '--csv', conflict]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${conflict}:2: submissionId ${given} is already stored with other answers`);
  });

  it('refuses applications and unknown surveys as usage errors', async () => {
    expect((await skc(['import', '--survey', 'centre-application', '--csv', file])).code).toBe(2);
    expect((await skc(['import', '--survey', 'nope', '--csv', file])).code).toBe(2);
    expect((await skc(['import', '--survey', 'company-value'])).code).toBe(2);
  });

  it('takes back what skc export wrote: into a fresh table the same answers, here all known', async () => {
    const exported = join(folder, 'exported.csv');
    expect((await skc(['export', '--survey', 'company-value', '--out', exported])).code).toBe(0);

    const again = await skc(['import', '--survey', 'company-value', '--csv', exported]);
    expect(again).toMatchObject({ code: 0, out: 'company-value: imported 0, skipped 5 (already imported)' });

    const fresh = `test-${randomUUID().slice(0, 8)}`;
    (await prepareTable(process.env.SKC_DYNAMODB_ENDPOINT!, fresh)).client.destroy();
    const env = { ...process.env, SKC_TABLE_NAME: fresh };
    const copied = await skc(['import', '--survey', 'company-value', '--csv', exported], env);
    expect(copied).toMatchObject({ code: 0, out: 'company-value: imported 5, skipped 0 (already imported)' });
    const reexported = join(folder, 'reexported.csv');
    expect((await skc(['export', '--survey', 'company-value', '--out', reexported], env)).code).toBe(0);
    // Everything but the reference numbers (new in the new table) comes back the same.
    const withoutReference = (path: string) =>
      readFileSync(path, 'utf8')
        .split('\r\n')
        .map((line) => line.replace(/^[^,]*,/, ''))
        .sort();
    expect(withoutReference(reexported)).toEqual(withoutReference(exported));
  });
});
