/**
 * The export of a survey's responses, derived from its definition: one column per question in
 * definition order (a matrix one column per row, `<question>.<row>`), after the response's
 * identifiers. CSV is written by csv-stringify (RFC 4180 quoting, CRLF, a BOM so spreadsheet
 * programs read UTF-8), with text cells that a spreadsheet would run as a formula neutralised.
 * Rows are turned into text one page at a time, so memory stays flat however many responses there are.
 */
import { stringify } from 'csv-stringify/sync';
import type { Survey } from './definition.ts';
import { questionsOf } from './definition.ts';
import { modelOf } from './questions/index.ts';
import type { Column } from './questions/kit.ts';
import type { Answers } from './validation.ts';

export type { Column } from './questions/kit.ts';
/** A cell before it is written: JSON keeps group answers as arrays, CSV writes them as JSON text. */
export type Cell = string | number | boolean | null | unknown[];
export type Row = Record<string, Cell>;

export const formats = ['csv', 'json'] as const;
export type Format = (typeof formats)[number];

const identifiers: Column[] = [
  { key: 'responseId', label: { sv: 'Referensnummer', en: 'Reference number' } },
  { key: 'submissionId', label: { sv: 'Inskicknings-id', en: 'Submission id' } },
  { key: 'submittedAt', label: { sv: 'Inskickad', en: 'Submitted' } },
];

export function exportColumns(survey: Survey): Column[] {
  return [...identifiers, ...questionsOf(survey).flatMap((question) => modelOf(question).columns(question))];
}

export type ExportedResponse = {
  responseId: string;
  submissionId: string;
  submittedAt: string;
  answers: Answers;
};

/** One response as a row; `personal` is undefined when the person was erased (their cells stay empty). */
export function exportRow(survey: Survey, response: ExportedResponse, personal: Answers | undefined): Row {
  const row: Row = {
    responseId: response.responseId,
    submissionId: response.submissionId,
    submittedAt: response.submittedAt,
  };
  for (const question of questionsOf(survey)) {
    // Personal answers are read only from the personal item, so an erased person stays erased.
    const value = question.personal ? personal?.[question.id] : response.answers[question.id];
    Object.assign(row, modelOf(question).cells(question, value));
  }
  return row;
}

function csvCell(cell: Cell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return String(cell);
  return typeof cell === 'string' ? cell : JSON.stringify(cell);
}

/**
 * RFC 4180 with CRLF; `escape_formulas` prefixes a `'` to a text cell that starts like a formula
 * (`=`, `+`, `-`, `@`, tab, CR), so a spreadsheet shows it instead of running it (CSV
 * injection). Numbers, negative ones included, stay numbers.
 */
const csvOptions = { record_delimiter: 'windows', quoted_match: null, escape_formulas: true } as const;

/** Writes an export in pieces: `start()` once, `rows()` per page, `end()` once. */
export type ExportWriter = {
  start(): string;
  rows(rows: Row[]): string;
  end(): string;
};

export function csvWriter(columns: Column[], options: { labels?: 'sv' } = {}): ExportWriter {
  return {
    start: () => {
      const header = [columns.map((column) => column.key)];
      if (options.labels) header.push(columns.map((column) => column.label[options.labels!]));
      return stringify(header, { ...csvOptions, bom: true });
    },
    rows: (rows) =>
      rows.length === 0
        ? ''
        : stringify(
            rows.map((row) => columns.map((column) => csvCell(row[column.key] ?? null))),
            csvOptions,
          ),
    end: () => '',
  };
}

export function jsonWriter(columns: Column[]): ExportWriter {
  let written = 0;
  return {
    start: () => '[',
    rows: (rows) =>
      rows
        .map((row) => {
          const ordered = Object.fromEntries(columns.map((column) => [column.key, row[column.key] ?? null]));
          return `${written++ === 0 ? '' : ','}\n${JSON.stringify(ordered)}`;
        })
        .join(''),
    end: () => (written === 0 ? ']\n' : '\n]\n'),
  };
}
