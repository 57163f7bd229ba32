/**
 * What every question type is made of in the core: the contract `QuestionModel` each type module
 * fulfils, and the building blocks they share (zod checks that carry a localisable reason, text
 * normalisation, counter and export helpers). Types here, behaviour in one file per type.
 */
import * as z from 'zod';
import type { Counters, Stats } from '../aggregate.ts';
import type { Question, Text } from '../definition.ts';
import type { Cell } from '../export.ts';
import type { Distribution, Figure } from '../report/statistics.ts';

export type Encoding = 'json' | 'form';
/** Adds to a counter of the response's bucket (`by` defaults to 1). */
type Add = (name: string, by?: number) => void;
export type Column = { key: string; label: Text };

/**
 * The zod schema of one answer of a type (required-ness is added by the caller). Apart from the
 * model, so that only what validates answers (the submit function, the CLI's import) loads zod.
 */
export type QuestionSchema<Q extends Question> = (question: Q) => z.ZodType;

/** How the evaluation report measures value with a question: its figure from the answers' counts. */
export type ValueMeasure<Q extends Question> = {
  kind: 'likert' | 'nps';
  /** The range the figure can take (a Likert scale, or −100…100 for an NPS). */
  range(question: Q): { min: number; max: number };
  figure(question: Q, distribution: Distribution, imported: number): Figure;
};

/** Everything else the core knows about one question type. */
export type QuestionModel<Q extends Question> = {
  /** The hosted form's fields of this question (`q`, `q.row`, `q.0.field`) as the answer's shape. */
  decode(question: Q, entries: [string, string][]): unknown;
  /** Text normalised, blanks dropped; numbers and booleans coerced on the form path only. */
  normalise(question: Q, value: unknown, encoding: Encoding): unknown;
  /** The counters one validated answer adds besides `<q>#n`. */
  count(question: Q, value: unknown, add: Add): void;
  /** The digest's STATS of the question from a counter set. */
  stats(question: Q, counters: Counters): Stats;
  /** Export columns, in definition order. */
  columns(question: Q): Column[];
  /** Export cells of one answer, keyed like the columns. */
  cells(question: Q, value: unknown): Record<string, Cell>;
  /**
   * The answer read back from its export cells (`skc import`), as text the form path normalises;
   * undefined when the cells are blank, or a problem when they cannot be read.
   */
  fromCells(
    question: Q,
    cell: (key: string) => string | undefined,
  ): { value: unknown } | { problem: string } | undefined;
  /** The label a respondent saw for the field at `path` below the question (after its id). */
  labelAt(question: Q, rest: (string | number)[], lang: keyof Text): string;
  /** The questions asked inside this one (a group's fields), shown in the public definition. */
  parts(question: Q): readonly Question[] | undefined;
  /** How many items a repeatable question takes (a group's rows, added and removed on the form). */
  repeats(question: Q): { min: number; max: number } | undefined;
  /**
   * A value measure of the evaluation report (likert, nps); undefined for every other type. An
   * `nps` measure is also the digest's headline and a CSV row of its own.
   */
  valueMeasure: ValueMeasure<Q> | undefined;
  /** Its distribution is one per row (a matrix), not one over the question's values. */
  perRow: boolean;
  /** Free text worth quoting: the digest shows the newest answers as comments (if not personal). */
  comment: boolean;
  /** Its answer names the organisation that applied (an organisationsnummer). */
  identifiesOrganisation: boolean;
};

// --- validation -------------------------------------------------------------------------------

// Control characters other than tab and newline (C0, DEL, C1).
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): invisible, they can make a
 * name read differently in an email or a spreadsheet than what was typed ("Trojan Source").
 */
export const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** SES delivers only ASCII local parts (no SMTPUTF8), and RFC 5321 caps them at 64 octets. */
const DELIVERABLE_LOCAL_PART = /^[\x21-\x7e]{1,64}$/;
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
export const ORG_NUMBER = /^\d{6}-\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_EMAIL_LENGTH = 254;

/** Text normalisation of the contract: CRLF → LF, then trimmed. */
function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Luhn check over the ten digits of an organisationsnummer. */
export function isValidOrgNumber(value: string): boolean {
  if (!ORG_NUMBER.test(value)) return false;
  const digits = value.replace('-', '');
  let sum = 0;
  for (let index = 0; index < 10; index++) {
    let digit = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The address check of `email` questions, shared with invitation lists and configuration. */
export function isValidEmail(value: string): boolean {
  return emailProblem(value) === undefined;
}

/** Why an address cannot be used: not an address at all, or one that SES cannot deliver to. */
export function emailProblem(value: string): 'email' | 'emailLocalPart' | undefined {
  if (value.length > MAX_EMAIL_LENGTH || !EMAIL.test(value)) return 'email';
  if (!DELIVERABLE_LOCAL_PART.test(value.slice(0, value.lastIndexOf('@')))) return 'emailLocalPart';
  return undefined;
}

export function isValidDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A failed check's reason, carried through zod so the message can be localised afterwards. */
export type Reason =
  | { reason: 'required' }
  | { reason: 'type'; expected: 'text' | 'number' | 'integer' | 'boolean' | 'list' | 'object' }
  | { reason: 'tooLong'; max: number }
  | { reason: 'control' }
  | { reason: 'bidi' }
  | { reason: 'email' }
  | { reason: 'emailLocalPart' }
  | { reason: 'orgNumberFormat' }
  | { reason: 'orgNumberChecksum' }
  | { reason: 'range'; min: number; max: number }
  | { reason: 'date' }
  | { reason: 'dateRange'; min?: string; max?: string }
  | { reason: 'option' }
  | { reason: 'distinct' }
  | { reason: 'count'; min?: number; max?: number }
  | { reason: 'consent' }
  | { reason: 'unknown' };

export const fail = (ctx: z.RefinementCtx, reason: Reason) =>
  ctx.addIssue({ code: 'custom', message: reason.reason, params: reason });

export function reasonError(reason: Reason) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : JSON.stringify(reason));
}

export const text = (maxLength: number) =>
  z.string({ error: reasonError({ reason: 'type', expected: 'text' }) }).superRefine((value, ctx) => {
    if (CONTROL.test(value)) fail(ctx, { reason: 'control' });
    else if (BIDI_CONTROL.test(value)) fail(ctx, { reason: 'bidi' });
    else if ([...value].length > maxLength) fail(ctx, { reason: 'tooLong', max: maxLength });
  });

export const numberIn = (min: number, max: number, integer: boolean) =>
  z
    .number({ error: reasonError({ reason: 'type', expected: integer ? 'integer' : 'number' }) })
    .superRefine((value, ctx) => {
      if (!Number.isFinite(value)) fail(ctx, { reason: 'type', expected: 'number' });
      else if (integer && !Number.isInteger(value)) fail(ctx, { reason: 'type', expected: 'integer' });
      else if (value < min || value > max) fail(ctx, { reason: 'range', min, max });
    });

export const oneOf = (values: string[]) =>
  z.string({ error: reasonError({ reason: 'option' }) }).superRefine((value, ctx) => {
    if (!values.includes(value)) fail(ctx, { reason: 'option' });
  });

export function strictObject(shape: Record<string, z.ZodType>) {
  return z.strictObject(shape, { error: reasonError({ reason: 'type', expected: 'object' }) });
}

// --- form decoding and normalisation ----------------------------------------------------------

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values posted under the question's own name. */
export function ownValues(question: Question, entries: [string, string][]): string[] {
  return entries.filter(([name]) => name === question.id).map(([, value]) => value);
}

export function single(values: string[]): unknown {
  return values.length === 1 ? values[0] : values;
}

export function blankToUndefined(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const normalised = normaliseText(value);
  return normalised === '' ? undefined : normalised;
}

const NUMERIC = /^[-+]?\d{1,15}(?:[.,]\d{1,15})?$/;

export function coerceNumber(value: unknown, encoding: Encoding): unknown {
  if (encoding !== 'form' || typeof value !== 'string' || !NUMERIC.test(value)) return value;
  return Number(value.replace(',', '.'));
}

/** A numeric answer: blank dropped, a number from text on the form path only. */
export const normaliseNumber = (_question: Question, value: unknown, encoding: Encoding) =>
  coerceNumber(blankToUndefined(value), encoding);

// --- counters and statistics ------------------------------------------------------------------

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function distributionOf(counters: Counters, prefix: string, values: string[]): Record<string, number> {
  return Object.fromEntries(values.map((value) => [value, counters[`${prefix}=${value}`] ?? 0]));
}

export function range(min: number, max: number): string[] {
  return Array.from({ length: max - min + 1 }, (_, index) => String(min + index));
}

/** How many answered, and how often each value was chosen. */
export function choiceStats(counters: Counters, id: string, values: string[]): Stats {
  return { n: counters[`${id}#n`] ?? 0, distribution: distributionOf(counters, id, values) };
}

/** `n`, and the mean when anyone answered, from `<prefix>#n` and `<prefix>#sum`. */
export function meanStats(counters: Counters, prefix: string): { n: number; mean?: number } {
  const n = counters[`${prefix}#n`] ?? 0;
  return n > 0 ? { n, mean: round((counters[`${prefix}#sum`] ?? 0) / n) } : { n };
}

/**
 * An integer on a scale (likert, nps): blank dropped, a number from text on the form path, counted
 * as a sum and per value, shown as the mean and each value's count.
 */
export function scale<Q extends Question>(bounds: (question: Q) => { min: number; max: number }) {
  return {
    ...plain,
    normalise: normaliseNumber,
    count: (question: Q, value: unknown, add: Add) => {
      add(`${question.id}#sum`, value as number);
      add(`${question.id}=${String(value)}`);
    },
    stats: (question: Q, counters: Counters) => {
      const { min, max } = bounds(question);
      return {
        ...meanStats(counters, question.id),
        distribution: distributionOf(counters, question.id, range(min, max)),
      };
    },
  };
}

// --- export -----------------------------------------------------------------------------------

export function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * The behaviour most types share: one form field, text normalised, only `#n` counted, one export
 * column. A type module spreads this and overrides what differs.
 */
export const plain = {
  decode: (question: Question, entries: [string, string][]) => single(ownValues(question, entries)),
  normalise: (_question: Question, value: unknown) => blankToUndefined(value),
  count: () => {},
  stats: (question: Question, counters: Counters): Stats => ({ n: counters[`${question.id}#n`] ?? 0 }),
  columns: (question: Question): Column[] => [{ key: question.id, label: question.label }],
  cells: (question: Question, value: unknown): Record<string, Cell> => ({ [question.id]: cellOf(value) }),
  fromCells: (question: Question, cell: (key: string) => string | undefined) => {
    const value = cell(question.id);
    return value?.trim() ? { value } : undefined;
  },
  valueMeasure: undefined,
  labelAt: (question: Question, _rest: (string | number)[], lang: keyof Text) => question.label[lang],
  parts: () => undefined,
  repeats: () => undefined,
  perRow: false,
  comment: false,
  identifiesOrganisation: false,
};
