import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { companyValue as survey } from '../../surveys/company-value.ts';
import { criteria } from '../../surveys/criteria.ts';
import { companyValue } from '../fixtures/answers.ts';
import { importCsv } from '../fixtures/import.ts';
import { wiring } from './harness.ts';

const { db } = wiring();
const folder = mkdtempSync(join(tmpdir(), 'skc-report-'));
const now = new Date('2026-12-02T12:00:00Z');
const S = (value: string): AttributeValue => ({ S: value });

const put = (item: Record<string, AttributeValue>) =>
  db.client.send(new PutItemCommand({ TableName: db.tableName, Item: item }));

async function skc(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    process.env,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => now, progress: () => {} },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Two centres: one with six company answers (two before its approval), one with three (n < 5),
// a name that a spreadsheet would run as a formula; an approved application with the committee's
// judgement; ten invitations in 2024-HT, four answered.
for (const centre of [
  { slug: 'additivt', name: 'Additivt Teknikcenter', region: 'tc-ostra-smaland', approvedOn: '2024-03-01' },
  { slug: 'formel', name: '=Formel Teknikcenter', region: 'tc-kronoberg', approvedOn: '2024-01-10' },
])
  await put({
    pk: S(`CENTRE#${centre.slug}`),
    sk: S('CENTRE'),
    slug: S(centre.slug),
    name: S(centre.name),
    region: S(centre.region),
    approvedOn: S(centre.approvedOn),
    ...(centre.slug === 'additivt' && { applicationId: S('APPL-0001-AAAA') }),
  });
await put({
  pk: S('APP#APPL-0001-AAAA'),
  sk: S('APP'),
  responseId: S('APPL-0001-AAAA'),
  surveyId: S('centre-application'),
  title: S('Additivt Teknikcenter'),
  status: S('approved'),
  submittedAt: S('2023-12-01T09:00:00.000Z'),
  statusSince: S('2024-03-01T09:00:00.000Z'),
  gsi1pk: S('APPLICATIONS'),
  gsi1sk: S('2023-12-01T09:00:00.000Z#APPL-0001-AAAA'),
});
// The decision's history item carries the committee's judgement and hours (skc review --criteria --hours).
await put({
  pk: S('APP#APPL-0001-AAAA'),
  sk: S('HIST#2024-03-01T09:00:00.000Z'),
  status: S('approved'),
  criteria: { M: Object.fromEntries(criteria.map((criterion) => [criterion.id, { N: '4' }])) },
  hours: { N: '12' },
});
for (let index = 0; index < 10; index++)
  await put({
    pk: S(`INVITEE#company-value#2024-HT#hash${index}`),
    sk: S('INVITEE'),
    surveyId: S('company-value'),
    email: S(`person${index}@foretag.test`),
    organisation: S(`Företag ${index}`),
    centre: S('additivt'),
    wave: S('2024-HT'),
    invitedAt: S('2024-09-02T08:00:00.000Z'),
    ...(index < 4 && { answeredAt: S('2024-09-10T08:00:00.000Z') }),
    gsi1pk: S('INVITEES#company-value'),
    gsi1sk: S(`2024-09-02T08:00:00.000Z#hash${index}`),
  });

const rows = [
  ...[2, 3].map((value, index) => ({ at: `2024-02-0${index + 1}T10:00:00Z`, value, centre: 'additivt' })),
  ...[3, 4, 4, 5, 5, 5].map((value, index) => ({
    at: `2024-09-1${index}T10:00:00Z`,
    value,
    centre: 'additivt',
  })),
  ...[4, 5, 5].map((value, index) => ({ at: `2024-09-2${index}T10:00:00Z`, value, centre: 'formel' })),
];
const file = join(folder, 'answers.csv');
writeFileSync(
  file,
  importCsv(
    survey,
    rows.map((row) => ({
      submittedAt: row.at,
      answers: companyValue({ wholeCentreValue: row.value }),
      centre: row.centre,
    })),
  ),
);
expect((await skc(['import', '--survey', 'company-value', '--csv', file])).code).toBe(0);

type Figure = { n: number; imported: number; value?: number; low?: number; high?: number };
type Scope = {
  id: string;
  answers: number;
  rates: unknown[];
  value: { questionId: string; baseline: Figure; pilot: Figure }[];
  process: { daysToDecision: { mean: number | null } };
  quality: { committee: { mean: number | null } }[];
};

describe('skc report', () => {
  it('prints the model as JSON: per centre, baseline apart, no figure under five answers', async () => {
    const result = await skc(['report', '--format', 'json']);
    expect(result).toMatchObject({ code: 0, err: '' });
    const model = JSON.parse(result.out) as { period: unknown; centres: Scope[]; withoutCentre: unknown };
    expect(model.period).toEqual({ from: '2023-12-01', to: '2026-12-02' });
    const additivt = model.centres.find((scope) => scope.id === 'additivt');
    const formel = model.centres.find((scope) => scope.id === 'formel');
    const value = additivt!.value.find((row) => row.questionId === 'wholeCentreValue')!;
    expect(value.baseline).toEqual({ n: 2, imported: 2 });
    // 3,4,4,5,5,5: mean 26/6 = 4.33; s² = (1.7778+0.1111·2+0.4444·3)/5 = 0.66667, s/√6 = 0.33333,
    // t(5) = 2.571 → ± 0.857 → [3.48, 5.19] → clamped to the scale's 5.
    expect(value.pilot).toEqual({ n: 6, imported: 6, value: 4.33, low: 3.48, high: 5 });
    expect(additivt!.rates).toEqual([
      { surveyId: 'company-value', wave: '2024-HT', invited: 10, answered: 4, rate: 0.4 },
    ]);
    // 2023-12-01 → 2024-03-01: 31 + 31 + 29 (2024 is a leap year) = 91 days.
    expect(additivt!.process.daysToDecision.mean).toBe(91);
    expect(additivt!.quality[0]!.committee.mean).toBe(4);
    expect(formel!.value.find((row) => row.questionId === 'wholeCentreValue')!.pilot).toEqual({
      n: 3,
      imported: 3,
    });
    expect(model.withoutCentre).toBeNull();
  });

  it('narrows by centre, region and dates', async () => {
    const centre = JSON.parse((await skc(['report', '--format', 'json', '--centre', 'formel'])).out);
    expect(centre.centres.map((scope: Scope) => scope.id)).toEqual(['formel']);
    const region = JSON.parse((await skc(['report', '--format', 'json', '--region', 'östra småland'])).out);
    expect(region.centres.map((scope: Scope) => scope.id)).toEqual(['additivt']);
    const dated = JSON.parse(
      (await skc(['report', '--format', 'json', '--from', '2024-09-01', '--to', '2024-09-15'])).out,
    );
    expect(dated.national.answers).toBe(6);
  });

  it('writes one CSV row per scope, wave and measure, numbers as numbers and formulas defused', async () => {
    const out = join(folder, 'report.csv');
    const result = await skc(['report', '--format', 'csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toBe(`Wrote the csv report for 2023-12-01 to 2026-12-02 (2 centres) to ${out}.`);
    const text = readFileSync(out, 'utf8');
    expect(
      text.startsWith('\uFEFFscope,id,name,region,wave,measure,label,n,value,low,high,imported,note\r\n'),
    ).toBe(true);
    expect(text).toContain(
      'centre,additivt,Additivt Teknikcenter,tc-ostra-smaland,pilot,value.company-value.wholeCentreValue.mean,',
    );
    expect(text).toMatch(/,pilot,value\.company-value\.wholeCentreValue\.mean,[^\r]*,6,4\.33,3\.48,5,6,\r\n/);
    expect(text).toMatch(
      /centre,formel,'=Formel Teknikcenter,tc-kronoberg,pilot,value\.company-value\.wholeCentreValue\.mean,[^\r]*,3,,,,3,för få svar\r\n/,
    );
    expect(text).toContain(',2024-HT,rate.company-value,Svarsfrekvens (0–1),10,0.4,');
  });

  it('writes one self-contained HTML page', async () => {
    const out = join(folder, 'report.html');
    expect((await skc(['report', '--out', out])).code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('för få svar');
    expect(page).toContain('=Formel Teknikcenter');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<(script|link|img)\b/);
  });

  it('refuses an unknown centre or region in one line (exit 1) and bad options as usage (exit 2)', async () => {
    const centre = await skc(['report', '--centre', 'okand']);
    expect(centre).toEqual({
      code: 1,
      out: '',
      err: 'skc report: unknown centre "okand"; known: additivt, formel',
    });
    const region = await skc(['report', '--region', 'Atlantis']);
    expect(region.code).toBe(1);
    expect(region.err.split('\n')).toHaveLength(1);
    expect(region.err).toMatch(/^skc report: unknown region "Atlantis"; use one of /);
    expect((await skc(['report', '--from', '2024-02-30'])).code).toBe(2);
    expect((await skc(['report', '--from', '2025-01-01', '--to', '2024-01-01'])).code).toBe(2);
    expect((await skc(['report', '--format', 'pdf'])).code).toBe(2);
  });
});
