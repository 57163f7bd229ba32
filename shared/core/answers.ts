/**
 * Answers before validation: the hosted form's urlencoded fields decoded into the answers shape,
 * text normalised, and the canonical hash that makes a JSON and a form submission of the same
 * answers one submission.
 */
import { createHash } from 'node:crypto';
import type { FieldQuestion, Question, Survey } from './definition.ts';
import { questionsOf } from './definition.ts';
import { normaliseText, type Answers } from './validation.ts';

export type Encoding = 'json' | 'form';

/** Field names of the hosted form that are not answers. */
export const reservedFields = ['submissionId', 'token', 'lang', '_action'] as const;
const MAX_GROUP_INDEX = 999;

/**
 * Turns the form's flat fields (`q`, `q.row`, `q.0.field`, repeated `q` for checkboxes) into
 * answers. Names that match no question are kept as they are, so validation reports them.
 */
export function decodeFormAnswers(survey: Survey, fields: [string, string][]): Answers {
  const answers: Answers = {};
  const byId = new Map(questionsOf(survey).map((question) => [question.id, question]));
  const grouped = new Map<string, [string, string][]>();
  for (const [name, value] of fields) {
    if ((reservedFields as readonly string[]).includes(name)) continue;
    const [head = name] = name.split('.', 1);
    const question = byId.get(head);
    const key = question ? head : name;
    const entries = grouped.get(key);
    if (entries) entries.push([name, value]);
    else grouped.set(key, [[name, value]]);
  }
  for (const [key, entries] of grouped) {
    const question = byId.get(key);
    answers[key] = question ? decodeQuestion(question, entries) : single(entries.map(([, value]) => value));
  }
  return answers;
}

function single(values: string[]): unknown {
  return values.length === 1 ? values[0] : values;
}

function decodeQuestion(question: Question, entries: [string, string][]): unknown {
  const prefix = `${question.id}.`;
  if (question.type === 'matrix') {
    const rows: Record<string, unknown> = {};
    for (const [name, value] of entries) {
      if (name.startsWith(prefix)) rows[name.slice(prefix.length)] = value;
    }
    return rows;
  }
  if (question.type === 'group') {
    const items = new Map<number, Record<string, unknown>>();
    for (const [name, value] of entries) {
      const [, index, field] = name.split('.');
      const position = Number(index);
      if (!field || !/^\d{1,3}$/.test(index ?? '') || position > MAX_GROUP_INDEX) continue;
      const item = items.get(position) ?? {};
      item[field] = value;
      items.set(position, item);
    }
    return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  }
  const values = entries.filter(([name]) => name === question.id).map(([, value]) => value);
  if (question.type === 'multiChoice') return values;
  return single(values);
}

/**
 * Normalises answers the same way for both encodings: text CRLF → LF and trimmed, empty answers
 * dropped (an unanswered optional question). Only on the form path are numbers and booleans
 * coerced from strings; in JSON a string for a number stays a string and fails validation.
 */
export function normaliseAnswers(survey: Survey, raw: Answers, encoding: Encoding): Answers {
  const byId = new Map(questionsOf(survey).map((question) => [question.id, question]));
  const answers: Answers = {};
  for (const [id, value] of Object.entries(raw)) {
    const question = byId.get(id);
    const normalised = question ? normaliseQuestion(question, value, encoding) : value;
    if (normalised !== undefined) answers[id] = normalised;
  }
  return answers;
}

function normaliseQuestion(question: Question, value: unknown, encoding: Encoding): unknown {
  if (question.type === 'group') {
    if (!Array.isArray(value)) return normaliseField(question, value);
    const items = value.map((item) => {
      if (!isPlainObject(item)) return item;
      const fields: Record<string, unknown> = {};
      for (const [id, fieldValue] of Object.entries(item)) {
        const field = question.fields.find((candidate) => candidate.id === id);
        const normalised = field ? normaliseScalar(field, fieldValue, encoding) : fieldValue;
        if (normalised !== undefined) fields[id] = normalised;
      }
      return fields;
    });
    // A row of the form left wholly empty is not an item (the form always shows spare rows).
    const kept = items.filter((item) => !isPlainObject(item) || Object.keys(item).length > 0);
    return kept.length === 0 ? undefined : kept;
  }
  return normaliseField(question, value, encoding);
}

function normaliseField(
  question: FieldQuestion | Question,
  value: unknown,
  encoding: Encoding = 'json',
): unknown {
  if (question.type === 'group') return value;
  if (question.type === 'matrix' && isPlainObject(value)) {
    const rows: Record<string, unknown> = {};
    for (const [row, rowValue] of Object.entries(value)) {
      const normalised = coerceNumber(blankToUndefined(rowValue), encoding);
      if (normalised !== undefined) rows[row] = normalised;
    }
    return Object.keys(rows).length === 0 ? undefined : rows;
  }
  return normaliseScalar(question, value, encoding);
}

function normaliseScalar(question: FieldQuestion, value: unknown, encoding: Encoding): unknown {
  const blanked = blankToUndefined(value);
  if (blanked === undefined) return undefined;
  switch (question.type) {
    case 'integer':
    case 'number':
    case 'likert':
    case 'nps':
      return coerceNumber(blanked, encoding);
    case 'boolean':
    case 'consent':
      return encoding === 'form' && (blanked === 'true' || blanked === 'false')
        ? blanked === 'true'
        : blanked;
    case 'multiChoice':
      return Array.isArray(blanked)
        ? blanked.map((item) => blankToUndefined(item)).filter((item) => item !== undefined)
        : blanked;
    default:
      return blanked;
  }
}

function blankToUndefined(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = normaliseText(value);
  return text === '' ? undefined : text;
}

const NUMERIC = /^[-+]?\d{1,15}(?:[.,]\d{1,15})?$/;

function coerceNumber(value: unknown, encoding: Encoding): unknown {
  if (encoding !== 'form' || typeof value !== 'string' || !NUMERIC.test(value)) return value;
  return Number(value.replace(',', '.'));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted at every depth, so equal answers give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Identifies "the same answers (and token)" of a submission. */
export function submissionHash(answers: Answers, token: string | undefined): string {
  return createHash('sha256')
    .update(canonicalJson({ answers, token: token ?? null }))
    .digest('base64url');
}
