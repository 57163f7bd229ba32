/**
 * Earlier evidence: answers gathered before this system, read from the CSV `skc export` writes
 * plus `centre` and `submittedAt`, checked as a whole (every bad line named) before anything is
 * stored. Each row is validated against the survey's definition like a submission, except that
 * the survey's open window does not apply. A row's key is its `submissionId`, or a UUIDv5 of its
 * canonical content, so importing a file twice stores nothing twice.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, normaliseAnswers, submissionHash } from './answers.ts';
import { waveOf } from './calendar.ts';
import type { Survey } from './definition.ts';
import { questionsOf } from './definition.ts';
import { modelOf } from './questions/index.ts';
import { exportColumns } from './export.ts';
import { readCsvRecords, startLine, type RowProblem } from './invites.ts';
import { newResponse, type NewResponse } from './submit.ts';
import { isUuid, newResponseId } from './tokens.ts';
import { validateAnswers, type Answers } from './validation.ts';

export type ImportCentre = { slug: string; name: string; region: string };

export type ImportRow = {
  /** The row's first line in the file (the header is line 1). */
  line: number;
  submissionId: string;
  submittedAt: Date;
  centre?: ImportCentre;
  /** Validated answers, personal ones included. */
  answers: Answers;
  /** The submission hash (as the submit path computes it), to tell a rerun from a conflict. */
  hash: string;
};

export type ImportFile = { ok: true; rows: ImportRow[] } | { ok: false; problems: RowProblem[] };

const importLimits = { rows: 20_000 } as const;

/** The project's UUIDv5 namespace for imported rows without a submissionId. Never change it. */
export const IMPORT_NAMESPACE = '5b0c7a52-3f0e-4d55-9a8e-6c1f2d7e4b19';

/** A name-based UUID (RFC 9562 version 5: SHA-1 of namespace and name). */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ISO 8601 date and time with a time zone (Z or ±hh:mm): without one the instant is ambiguous.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
// The formula guard of `skc export` (csv-stringify's escape_formulas: a `'` before =, +, -, @, tab,
// CR or their full-width forms), undone on the way in.
const GUARDED = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Columns besides the export's: the centre (name or slug; empty = none). */
const EXTRA_COLUMNS = ['centre'] as const;

export function parseImportFile(
  survey: Survey,
  text: string,
  options: { centres: readonly ImportCentre[]; now: Date },
): ImportFile {
  const read = readCsvRecords(text);
  if (!read.ok) return read;
  const { header, rows: rest } = read;
  const columns = header.record.map((name) => name.trim());
  const known = [...exportColumns(survey).map((column) => column.key), ...EXTRA_COLUMNS];
  const unknown = columns.filter((name) => !known.includes(name));
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (unknown.length || repeated.length || !columns.includes('submittedAt')) {
    const parts = [
      !columns.includes('submittedAt') && 'missing submittedAt',
      unknown.length && `unknown ${unknown.map((name) => JSON.stringify(name)).join(', ')}`,
      repeated.length && `repeated ${repeated.join(', ')}`,
    ].filter(Boolean);
    return {
      ok: false,
      problems: [
        {
          line: startLine(header),
          message: `the first row must name the columns of skc export --survey ${survey.id}, plus centre (${parts.join('; ')})`,
        },
      ],
    };
  }
  // `skc export --labels sv` writes the question texts as a second header row: skip it.
  const labels = new Map(exportColumns(survey).map((column) => [column.key, column.label.sv]));
  const body =
    rest[0] && columns.every((name, index) => (rest[0]!.record[index] ?? '') === (labels.get(name) ?? ''))
      ? rest.slice(1)
      : rest;
  if (body.length === 0)
    return { ok: false, problems: [{ line: startLine(header), message: 'no answers below the header row' }] };
  if (body.length > importLimits.rows)
    return {
      ok: false,
      problems: [
        {
          line: startLine(header),
          message: `${body.length} rows; split the file into files of at most ${importLimits.rows}`,
        },
      ],
    };

  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  const seen = new Map<string, { line: number; hash: string }>();
  for (const entry of body) {
    const line = startLine(entry);
    const cells = new Map(columns.map((name, index) => [name, unguard(entry.record[index] ?? '')]));
    const rowProblems: string[] = [];
    if (entry.record.length > columns.length)
      rowProblems.push(`${entry.record.length} columns, but the header has ${columns.length}`);

    const submittedAt = instantOf(cells.get('submittedAt') ?? '', options.now, rowProblems);
    const centre = centreOf(cells.get('centre') ?? '', options.centres, rowProblems);
    const raw = rawAnswers(survey, cells, rowProblems);
    const validated = validateAnswers(survey, normaliseAnswers(survey, raw, 'form'), 'en');
    if (!validated.ok)
      rowProblems.push(...validated.issues.map((issue) => `${columnOf(issue.path)}: ${issue.message}`));

    const given = cells.get('submissionId')?.trim() ?? '';
    const shown = JSON.stringify(given.slice(0, 40));
    if (given && !isUuid(given)) rowProblems.push(`submissionId ${shown} is not a UUID`);

    if (rowProblems.length > 0 || !validated.ok || !submittedAt) {
      for (const message of rowProblems) problems.push({ line, message });
      continue;
    }
    const answers = validated.answers;
    const submissionId =
      given.toLowerCase() ||
      uuidV5(
        canonicalJson({
          survey: survey.id,
          submittedAt: submittedAt.toISOString(),
          centre: centre?.slug ?? null,
          answers,
        }),
        IMPORT_NAMESPACE,
      );
    const hash = submissionHash(answers, undefined);
    const first = seen.get(submissionId);
    if (first) {
      if (first.hash !== hash)
        problems.push({
          line,
          message: `submissionId ${submissionId} is on line ${first.line} with other answers`,
        });
      continue; // The same row twice is stored once.
    }
    seen.set(submissionId, { line, hash });
    rows.push({ line, submissionId, submittedAt, ...(centre && { centre }), answers, hash });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** The column an issue's path points at (`answers.q.row` → `q.row`). */
function columnOf(path: (string | number)[]): string {
  const [, question, row] = path;
  return typeof row === 'string' ? `${String(question)}.${row}` : String(question);
}

function unguard(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

function instantOf(value: string, now: Date, problems: string[]): Date | undefined {
  const text = value.trim();
  if (!text) {
    problems.push(
      'submittedAt is empty; give the date and time of the answer, e.g. 2024-03-05T10:00:00+01:00',
    );
    return undefined;
  }
  const instant = new Date(text);
  if (!INSTANT.test(text) || Number.isNaN(instant.getTime())) {
    problems.push(
      `submittedAt ${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 date and time with a time zone, e.g. 2024-03-05T10:00:00+01:00`,
    );
    return undefined;
  }
  if (instant.getTime() > now.getTime()) {
    problems.push(`submittedAt ${text} is in the future`);
    return undefined;
  }
  return instant;
}

function centreOf(
  value: string,
  centres: readonly ImportCentre[],
  problems: string[],
): ImportCentre | undefined {
  const wanted = value.trim().toLocaleLowerCase('sv');
  if (!wanted) return undefined;
  const centre = centres.find(
    (candidate) => candidate.slug === wanted || candidate.name.toLocaleLowerCase('sv') === wanted,
  );
  if (!centre)
    problems.push(
      `unknown centre ${JSON.stringify(value.trim().slice(0, 60))}; register it with skc centres add, or leave the cell empty`,
    );
  return centre;
}

/** The export's cells back into answers (strings, as a form would send them; the form path coerces). */
function rawAnswers(survey: Survey, cells: Map<string, string>, problems: string[]): Answers {
  const raw: Answers = {};
  for (const question of questionsOf(survey)) {
    const read = modelOf(question).fromCells(question, (key) => cells.get(key));
    if (read && 'problem' in read) problems.push(read.problem);
    else if (read) raw[question.id] = read.value;
  }
  return raw;
}

/**
 * What the store writes for an imported row: the submit path's response (same items, same
 * counters), marked imported, with the row's centre and the wave of its date. No invitation is
 * touched, and the store sends no receipt for it.
 */
export function importedResponse(survey: Survey, row: ImportRow, retentionUntil: number): NewResponse {
  const response = newResponse(survey, row.answers, {
    receipt: { responseId: newResponseId(), submissionId: row.submissionId, status: 'received' },
    hash: row.hash,
    invitation: undefined,
    now: row.submittedAt,
    retentionUntil,
  });
  const region = row.centre?.region ?? response.region;
  return {
    ...response,
    region,
    imported: true,
    wave: waveOf(row.submittedAt),
    ...(row.centre && { centre: row.centre.slug }),
  };
}
