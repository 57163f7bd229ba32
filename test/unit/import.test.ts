import { describe, expect, it } from 'vitest';
import { csvWriter, exportColumns, exportRow } from '../../shared/core/export.ts';
import { IMPORT_NAMESPACE, parseImportFile, uuidV5, type ImportCentre } from '../../shared/core/import.ts';
import { companyValue as survey } from '../../surveys/company-value.ts';
import { companyValue } from '../fixtures/answers.ts';
import { importCsv, type ImportRow } from '../fixtures/import.ts';

const centres: ImportCentre[] = [
  { slug: 'additivt-teknikcenter', name: 'Additivt Teknikcenter', region: 'tc-ostra-smaland' },
];
const now = new Date('2026-12-02T12:00:00Z');

const file = (rows: ImportRow[]) => importCsv(survey, rows);

describe('uuidV5', () => {
  it('matches the RFC example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('parseImportFile', () => {
  it('reads the export format back into validated answers, with centre and time', () => {
    const text = file([
      {
        submittedAt: '2024-03-05T10:00:00+01:00',
        answers: companyValue({ greatestValue: '＝full-width equals first, a guarded formula' }),
        centre: 'ADDITIVT TEKNIKCENTER',
      },
    ]);
    const result = parseImportFile(survey, text, { centres, now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = result.rows;
    expect(row).toMatchObject({
      line: 2,
      centre: centres[0],
      submittedAt: new Date('2024-03-05T09:00:00Z'),
      answers: companyValue({ greatestValue: '＝full-width equals first, a guarded formula' }),
    });
    // No submissionId: a UUIDv5 of the canonical content, the same every time.
    expect(row!.submissionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const again = parseImportFile(survey, text, { centres, now });
    expect(again.ok && again.rows[0]!.submissionId).toBe(row!.submissionId);
    expect(IMPORT_NAMESPACE).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a given submissionId and skips the Swedish label row of --labels sv', () => {
    const writer = csvWriter(exportColumns(survey), { labels: 'sv' });
    const submissionId = '3f1d9c1e-8a4b-4f5e-9d2c-7b6a5e4d3c2b';
    const text =
      writer.start() +
      writer.rows([
        exportRow(
          survey,
          { responseId: 'X', submissionId, submittedAt: '2024-10-01T08:00:00Z', answers: companyValue() },
          undefined,
        ),
      ]);
    const result = parseImportFile(survey, text, { centres, now });
    expect(result).toMatchObject({ ok: true, rows: [{ line: 3, submissionId }] });
  });

  it('names every bad line, and every problem on it', () => {
    const text = file([
      { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue() },
      { submittedAt: '2024-03-05', answers: companyValue({ wholeCentreValue: 9 }) },
      { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue(), centre: 'Okänt centrum' },
      { submittedAt: '', answers: companyValue({ industry: 'rymdfart' }) },
      { submittedAt: '2030-01-01T00:00:00Z', answers: companyValue() },
    ]);
    const result = parseImportFile(survey, text, { centres, now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.line)).toEqual([3, 3, 4, 5, 5, 6]);
    const messages = result.problems.map((problem) => problem.message).join('\n');
    expect(messages).toContain('submittedAt "2024-03-05" is not an ISO 8601 date and time with a time zone');
    expect(messages).toContain('wholeCentreValue: ');
    expect(messages).toContain('unknown centre "Okänt centrum"');
    expect(messages).toContain('submittedAt is empty');
    expect(messages).toContain('industry: ');
    expect(messages).toContain('is in the future');
  });

  it('stores a repeated row once and refuses a submissionId reused with other answers', () => {
    const submissionId = '3f1d9c1e-8a4b-4f5e-9d2c-7b6a5e4d3c2b';
    const same = { submittedAt: '2024-03-05T10:00:00Z', answers: companyValue(), submissionId };
    const twice = parseImportFile(survey, file([same, same]), { centres, now });
    expect(twice.ok && twice.rows.length).toBe(1);
    const other = parseImportFile(
      survey,
      file([same, { ...same, answers: companyValue({ recommend: 2 }) }]),
      { centres, now },
    );
    expect(other).toEqual({
      ok: false,
      problems: [{ line: 3, message: `submissionId ${submissionId} is on line 2 with other answers` }],
    });
  });

  it('refuses a header without submittedAt or with a column the survey does not have', () => {
    const result = parseImportFile(survey, 'responseId,wholeCentreValue,colour\nX,4,blue\n', {
      centres,
      now,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          message:
            'the first row must name the columns of skc export --survey company-value, plus centre (missing submittedAt; unknown "colour")',
        },
      ],
    });
  });
});
