/**
 * Invitations to the value surveys as pure functions: the invitation list (CSV) read and checked
 * as a whole before anything is stored or sent, and the personal link (the emails are views).
 */
import { parse } from 'csv-parse/sync';
import { findRegion } from '../../surveys/regions.ts';
import { findCentre, type Centre } from './centres.ts';
import type { Lang } from './definition.ts';
import { BIDI_CONTROL, isValidEmail } from './validation.ts';
import { normaliseEmail } from './tokens.ts';
import { link } from './links.ts';

export type InviteRow = {
  /** The row's first line in the file (the header is line 1). */
  line: number;
  email: string;
  organisation: string;
  /** A Teknikcollege region's slug. */
  region: string;
  name?: string;
  /** The centre's slug, from the optional `centre` column (its name or slug in the file). */
  centre?: string;
};

export type RowProblem = { line: number; message: string };

export type InviteList = { ok: true; rows: InviteRow[] } | { ok: false; problems: RowProblem[] };

const inviteLimits = { email: 254, organisation: 200, name: 200, rows: 20_000 } as const;

const REQUIRED_COLUMNS = ['email', 'organisation', 'region'] as const;
const COLUMNS = [...REQUIRED_COLUMNS, 'name', 'centre'] as const;
type Column = (typeof COLUMNS)[number];

// Control characters (C0, DEL, C1) and line and paragraph separators; bidirectional controls,
// which could make an organisation's name display as something else in the emails, are the
// answers' rule (BIDI_CONTROL).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const hasControl = (value: string) => CONTROL.test(value) || BIDI_CONTROL.test(value);

/** A CSV record with the line it starts on (for `FILE:LINE` messages). */
export type CsvRecord = { info: { lines: number }; record: string[] };

/**
 * Reads a CSV file as its header and rows, each with its line number, or the one problem that makes
 * it unusable (not CSV, or empty). Swedish Excel saves CSV with semicolons: a header with
 * semicolons and no commas switches the delimiter.
 */
export function readCsvRecords(
  text: string,
): { ok: true; header: CsvRecord; rows: CsvRecord[] } | { ok: false; problems: RowProblem[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  try {
    const records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as CsvRecord[];
    const [header, ...rows] = records;
    if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty' }] };
    return { ok: true, header, rows };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: `the file is not valid CSV: ${csvReason(error)}` }] };
  }
}

/**
 * Reads an invitation list: a header row naming the columns `email,organisation,region[,name]
 * [,centre]` (any order; `region` is a Teknikcollege region's name in any case, or its slug), then
 * one invitee per row. A centre is named by its registered name (any case) or slug and must be one
 * of `centres`. Every problem is reported with its line number; the list
 * is usable only when there are none. Swedish Excel saves CSV with semicolons: a header with
 * semicolons and no commas switches the delimiter.
 */
export function parseInviteList(
  text: string,
  options: { centres?: readonly Pick<Centre, 'slug' | 'name'>[] } = {},
): InviteList {
  const read = readCsvRecords(text);
  if (!read.ok) return read;
  const { header, rows: body } = read;

  const headerLine = startLine(header);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const problems: RowProblem[] = [];
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      missing.length && `missing ${missing.join(', ')}`,
      unknown.length && `unknown ${unknown.map((name) => JSON.stringify(name)).join(', ')}`,
      repeated.length && `repeated ${repeated.join(', ')}`,
    ].filter(Boolean);
    problems.push({
      line: headerLine,
      message: `the first row must name the columns email,organisation,region and optionally name and centre (${parts.join('; ')})`,
    });
    return { ok: false, problems };
  }
  if (body.length === 0)
    return { ok: false, problems: [{ line: headerLine, message: 'no invitees below the header row' }] };
  if (body.length > inviteLimits.rows)
    return {
      ok: false,
      problems: [
        {
          line: headerLine,
          message: `${body.length} rows; split the list into files of at most ${inviteLimits.rows}`,
        },
      ],
    };

  const index = Object.fromEntries(columns.map((name, position) => [name, position])) as Record<
    Column,
    number
  >;
  const seen = new Map<string, number>();
  const rows: InviteRow[] = [];
  for (const { info, record } of body) {
    const line = startLine({ info, record });
    const rowProblems: string[] = [];
    if (record.length > columns.length)
      rowProblems.push(`${record.length} columns, but the header has ${columns.length}`);
    const cell = (column: Column) =>
      index[column] === undefined ? '' : (record[index[column]] ?? '').trim();

    const email = cell('email');
    if (!email) rowProblems.push('email is empty');
    else if (hasControl(email)) rowProblems.push('email contains control characters');
    else if (email.length > inviteLimits.email)
      rowProblems.push(`email is longer than ${inviteLimits.email} characters`);
    else if (!isValidEmail(email)) rowProblems.push(`email ${JSON.stringify(email)} is not a valid address`);
    else {
      const first = seen.get(normaliseEmail(email));
      if (first !== undefined) rowProblems.push(`email ${email} is already on line ${first}`);
      else seen.set(normaliseEmail(email), line);
    }

    const organisation = cell('organisation');
    rowProblems.push(...textProblems('organisation', organisation, inviteLimits.organisation, true));

    // A Teknikcollege region by name or slug, stored as its slug; counties are no longer taken.
    let region = '';
    if (!cell('region')) rowProblems.push('region is empty');
    else {
      const found = findRegion(cell('region'));
      if (found.ok) region = found.region.slug;
      else rowProblems.push(found.message);
    }

    const name = cell('name');
    rowProblems.push(...textProblems('name', name, inviteLimits.name, false));

    const centreCell = cell('centre');
    const centre = centreCell ? findCentre(options.centres ?? [], centreCell) : undefined;
    if (centreCell && !centre) rowProblems.push(`unknown centre ${JSON.stringify(centreCell.slice(0, 60))}`);

    for (const message of rowProblems) problems.push({ line, message });
    if (rowProblems.length === 0)
      rows.push({
        line,
        email: normaliseEmail(email),
        organisation,
        region,
        ...(name && { name }),
        ...(centre && { centre: centre.slug }),
      });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

function textProblems(column: string, value: string, max: number, required: boolean): string[] {
  if (!value) return required ? [`${column} is empty`] : [];
  if (hasControl(value)) return [`${column} contains control characters`];
  if ([...value].length > max) return [`${column} is longer than ${max} characters`];
  return [];
}

/** A quoted field may span lines; the row is reported where it starts. */
export function startLine({ info, record }: { info: { lines: number }; record: string[] }): number {
  const breaks = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
  return info.lines - breaks;
}

function csvReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quote is followed by more text in the same field';
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}

/** The personal link in an invitation: the hosted form with the token. */
export function personalLink(publicUrl: string, surveyId: string, token: string, lang: Lang = 'sv'): string {
  return link('form', { id: surveyId }, { base: publicUrl, query: { token }, lang });
}
