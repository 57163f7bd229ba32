/**
 * Answers before validation: the hosted form's urlencoded fields decoded into the answers shape,
 * text normalised, and the canonical hash that makes a JSON and a form submission of the same
 * answers one submission.
 */
import { createHash } from 'node:crypto';
import type { Survey } from './definition.ts';
import { findQuestion, questionsOf } from './definition.ts';
import { modelOf } from './questions/index.ts';
import { isPlainObject, single, type Encoding } from './questions/kit.ts';
import type { Answers } from './validation.ts';

export type { Encoding } from './questions/kit.ts';
export { isPlainObject } from './questions/kit.ts';

/** Field names of the hosted form that are not answers. */
const reservedFields = ['submissionId', 'token', 'lang', '_action'] as const;

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
    answers[key] = question
      ? modelOf(question).decode(question, entries)
      : single(entries.map(([, value]) => value));
  }
  return answers;
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
    const normalised = question ? modelOf(question).normalise(question, value, encoding) : value;
    if (normalised !== undefined) answers[id] = normalised;
  }
  return answers;
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

/** The form again after "add another" or "remove" on a repeatable question; nothing is stored. */
export type ItemEdit = {
  answers: Answers;
  /** Empty rows to show below the answered ones, by question. */
  extraItems: Record<string, number>;
  submissionId?: string;
  token?: string;
};

/**
 * "Add another course" / "Remove course 2" without JavaScript: the form posts `_action`
 * (`add:<question>` or `remove:<question>:<index>`) and gets itself back with one item more or
 * less, everything typed kept. Undefined when the post is not such an edit (it is a submission).
 */
export function editItems(survey: Survey, fields: [string, string][]): ItemEdit | undefined {
  const action = fields.find(([name]) => name === '_action')?.[1];
  const match = action && /^(add|remove):([A-Za-z0-9]+)(?::(\d{1,3}))?$/.exec(action);
  if (!match) return undefined;
  const [, verb, questionId = '', index] = match;
  const question = findQuestion(survey, questionId);
  const repeats = question && modelOf(question).repeats(question);
  if (!repeats) return undefined;
  const raw = decodeFormAnswers(survey, fields);
  const rawItems = Array.isArray(raw[questionId]) ? (raw[questionId] as unknown[]) : [];
  const visible = Math.max(rawItems.length, 1);
  if (verb === 'remove' && index !== undefined) rawItems.splice(Number(index), 1);
  raw[questionId] = rawItems;
  const answers = normaliseAnswers(survey, raw, 'form');
  const kept = Array.isArray(answers[questionId]) ? (answers[questionId] as unknown[]).length : 0;
  const rows = verb === 'add' ? visible + 1 : Math.max(visible - 1, 1);
  const value = (name: string) => fields.find(([key]) => key === name)?.[1] || undefined;
  const submissionId = value('submissionId');
  const token = value('token');
  return {
    answers,
    extraItems: { [questionId]: Math.max(0, rows - Math.max(repeats.min, kept, 1)) },
    ...(submissionId && { submissionId }),
    ...(token && { token }),
  };
}
