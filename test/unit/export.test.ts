import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvWriter, exportColumns, exportRow, jsonWriter } from '../../shared/core/export.ts';
import { centreApplication as survey } from '../../surveys/centre-application.ts';
import { centreFollowup } from '../../surveys/centre-followup.ts';
import { companyValue } from '../../surveys/company-value.ts';
import {
  centreApplication,
  centreFollowup as followupAnswers,
  companyValue as companyAnswers,
} from '../fixtures/answers.ts';
import { criteria } from '../../surveys/criteria.ts';

const response = (answers: Record<string, unknown>) => ({
  responseId: 'K7F3-9QPA-2MXD',
  submissionId: '0b0f5a4e-7c1d-4c59-9a57-3f5a2e0d8b11',
  submittedAt: '2026-11-24T09:30:00.000Z',
  answers,
});

function csvOf(rows: ReturnType<typeof exportRow>[], labels = false): string {
  const columns = exportColumns(survey);
  const writer = csvWriter(columns, labels ? { labels: 'sv' } : {});
  return writer.start() + writer.rows(rows) + writer.end();
}

const formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

describe('CSV formula escaping (csv-stringify escape_formulas)', () => {
  it("prefixes ' to text starting with =, +, -, @, tab or CR and keeps negative numbers as numbers", () => {
    const columns = [
      ...formulaStarts.map((start, index) => ({ key: `t${index}`, label: { sv: `${start}rubrik`, en: '' } })),
      { key: 'negative', label: { sv: 'Minus', en: '' } },
      { key: 'plain', label: { sv: 'Vanlig', en: '' } },
    ];
    const row = {
      ...Object.fromEntries(formulaStarts.map((start, index) => [`t${index}`, `${start}SUM(A1)`])),
      negative: -12.5,
      plain: 'Hultsfred',
    };
    const writer = csvWriter(columns, { labels: 'sv' });
    const csv = writer.start() + writer.rows([row]) + writer.end();
    const [, labels, cells] = parse(csv, { bom: true, relax_quotes: true }) as string[][];
    formulaStarts.forEach((start, index) => {
      expect(cells![index]).toBe(`'${start}SUM(A1)`);
      expect(labels![index]).toBe(`'${start}rubrik`);
    });
    expect(csv).toMatch(/,-12\.5,Hultsfred\r\n$/);
    expect(cells!.at(-1)).toBe('Hultsfred');
  });
});

describe('exportColumns', () => {
  it('puts the identifiers first, then every question in definition order with a column per matrix row', () => {
    const keys = exportColumns(survey).map((column) => column.key);
    expect(keys.slice(0, 6)).toEqual([
      'responseId',
      'submissionId',
      'submittedAt',
      'centreName',
      'orgNumber',
      'street',
    ]);
    const matrix = keys.filter((key) => key.startsWith('criteriaRating.'));
    expect(matrix).toEqual(criteria.map((criterion) => `criteriaRating.${criterion.id}`));
    expect(keys.indexOf('courses')).toBeLessThan(keys.indexOf(matrix[0]!));
    expect(keys.at(-1)).toBe('evaluationContact');
  });
});

describe('CSV export', () => {
  it('starts with a UTF-8 byte order mark and ends records with CRLF', () => {
    const csv = csvOf([exportRow(survey, response(centreApplication()), undefined)]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way and reads back the exact text', () => {
    const text = 'Rad ett, med "citat"\nrad två';
    const csv = csvOf([
      exportRow(survey, response(centreApplication({ criteriaFollowUp: text })), undefined),
    ]);
    expect(csv).toContain('"Rad ett, med ""citat""\nrad två"');
    const [header, row] = parse(csv, { bom: true }) as string[][];
    expect(row![header!.indexOf('criteriaFollowUp')]).toBe(text);
  });

  it('neutralises formulas in text cells but keeps numbers as numbers', () => {
    const answers = centreApplication({ centreName: '=HYPERLINK("http://evil.test")', website: '@SUM(1)' });
    const row = exportRow(survey, response(answers), { contactName: '-Anna', contactEmail: 'a@example.se' });
    const csv = csvOf([row]);
    const [header, cells] = parse(csv, { bom: true }) as string[][];
    const cell = (key: string) => cells![header!.indexOf(key)];
    expect(cell('centreName')).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(cell('website')).toBe("'@SUM(1)");
    expect(cell('contactName')).toBe("'-Anna");
    expect(cell('criteriaRating.' + criteria[0]!.id)).toBe('3');
    expect(csv).toMatch(/,3,/);
  });

  it("writes a group as JSON text and leaves an erased person's cells empty", () => {
    const csv = csvOf([exportRow(survey, response(centreApplication()), undefined)]);
    const [header, cells] = parse(csv, { bom: true }) as string[][];
    expect(JSON.parse(cells![header!.indexOf('courses')]!)).toEqual(centreApplication().courses);
    expect(cells![header!.indexOf('contactEmail')]).toBe('');
  });

  it('adds the Swedish question texts as a second header row when asked', () => {
    const [keys, labels] = parse(csvOf([], true), { bom: true }) as string[][];
    expect(keys![3]).toBe('centreName');
    expect(labels![3]).toBe('Kompetenscentrumets namn');
    expect(labels![0]).toBe('Referensnummer');
  });
});

describe('JSON export', () => {
  it('keys rows like the CSV columns, joins multiChoice with ";" and keeps numbers and groups native', () => {
    const columns = exportColumns(companyValue);
    const writer = jsonWriter(columns);
    const text =
      writer.start() +
      writer.rows([exportRow(companyValue, response(companyAnswers()), undefined)]) +
      writer.end();
    const [row] = JSON.parse(text) as Record<string, unknown>[];
    expect(Object.keys(row!)).toEqual(columns.map((column) => column.key));
    expect(row!.collaboration).toBe('praktik;kursinnehall');
    expect(row!.recommend).toBe(9);
    expect(row!['valueStatements.network']).toBe(3);
  });

  it('writes an empty array when there are no responses', () => {
    const writer = jsonWriter(exportColumns(survey));
    expect(JSON.parse(writer.start() + writer.rows([]) + writer.end())).toEqual([]);
  });
});

describe("the centres' follow-up", () => {
  it('exports a column per criterion of the self-assessment, hours and counts as numbers', () => {
    const keys = exportColumns(centreFollowup).map((column) => column.key);
    for (const criterion of criteria) expect(keys).toContain(`criteriaSelfAssessment.${criterion.id}`);
    const row = exportRow(centreFollowup, response(followupAnswers()), undefined);
    expect(row).toMatchObject({
      qualityAssuranceHours: 120,
      coveredUnderOneWeek: 6,
      [`criteriaSelfAssessment.${criteria[0]!.id}`]: 4,
    });
  });
});
