/**
 * Survey definition → zod schema, and zod issues → the contract's validation issues with a
 * message in the respondent's language that names the question.
 */
import * as z from 'zod';
import type { FieldQuestion, Lang, Question, Survey, Text } from './definition.ts';
import { questionsOf } from './definition.ts';

export type Answers = Record<string, unknown>;
export type ValidationIssue = { path: (string | number)[]; message: string };

// Control characters other than tab and newline (C0, DEL, C1).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): invisible, they can make a
 * name read differently in an email or a spreadsheet than what was typed ("Trojan Source").
 */
export const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const ORG_NUMBER = /^\d{6}-\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_EMAIL_LENGTH = 254;
/** SES delivers only ASCII local parts (no SMTPUTF8), and RFC 5321 caps them at 64 octets. */
const DELIVERABLE_LOCAL_PART = /^[\x21-\x7e]{1,64}$/;

/** Text normalisation of the contract: CRLF → LF, then trimmed. */
export function normaliseText(value: string): string {
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
function emailProblem(value: string): 'email' | 'emailLocalPart' | undefined {
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
type Reason =
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

const fail = (ctx: z.RefinementCtx, reason: Reason) =>
  ctx.addIssue({ code: 'custom', message: reason.reason, params: reason });

const text = (maxLength: number) =>
  z.string({ error: reasonError({ reason: 'type', expected: 'text' }) }).superRefine((value, ctx) => {
    if (CONTROL.test(value)) fail(ctx, { reason: 'control' });
    else if (BIDI_CONTROL.test(value)) fail(ctx, { reason: 'bidi' });
    else if ([...value].length > maxLength) fail(ctx, { reason: 'tooLong', max: maxLength });
  });

function reasonError(reason: Reason) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : JSON.stringify(reason));
}

const numberIn = (min: number, max: number, integer: boolean) =>
  z
    .number({ error: reasonError({ reason: 'type', expected: integer ? 'integer' : 'number' }) })
    .superRefine((value, ctx) => {
      if (!Number.isFinite(value)) fail(ctx, { reason: 'type', expected: 'number' });
      else if (integer && !Number.isInteger(value)) fail(ctx, { reason: 'type', expected: 'integer' });
      else if (value < min || value > max) fail(ctx, { reason: 'range', min, max });
    });

const oneOf = (values: string[]) =>
  z.string({ error: reasonError({ reason: 'option' }) }).superRefine((value, ctx) => {
    if (!values.includes(value)) fail(ctx, { reason: 'option' });
  });

function fieldSchema(question: FieldQuestion): z.ZodType {
  switch (question.type) {
    case 'text':
    case 'longText':
      return text(question.maxLength);
    case 'email':
      return text(MAX_EMAIL_LENGTH).superRefine((value, ctx) => {
        if (CONTROL.test(value) || BIDI_CONTROL.test(value)) return; // reported by text()
        const problem = emailProblem(value);
        if (problem) fail(ctx, { reason: problem });
      });
    case 'orgNumber':
      return text(11).superRefine((value, ctx) => {
        if (!ORG_NUMBER.test(value)) fail(ctx, { reason: 'orgNumberFormat' });
        else if (!isValidOrgNumber(value)) fail(ctx, { reason: 'orgNumberChecksum' });
      });
    case 'integer':
    case 'number':
      return numberIn(question.min, question.max, question.type === 'integer');
    case 'date':
      return text(10).superRefine((value, ctx) => {
        if (!isValidDate(value)) fail(ctx, { reason: 'date' });
        else if ((question.min && value < question.min) || (question.max && value > question.max))
          fail(ctx, { reason: 'dateRange', min: question.min, max: question.max });
      });
    case 'singleChoice':
      return oneOf(question.options.map((option) => option.value));
    case 'multiChoice': {
      const { minItems, maxItems } = question;
      return z
        .array(oneOf(question.options.map((option) => option.value)), {
          error: reasonError({ reason: 'type', expected: 'list' }),
        })
        .max(question.options.length, { error: JSON.stringify({ reason: 'distinct' }) })
        .superRefine((values, ctx) => {
          if (new Set(values).size !== values.length) fail(ctx, { reason: 'distinct' });
          else if ((minItems && values.length < minItems) || (maxItems && values.length > maxItems))
            fail(ctx, { reason: 'count', min: minItems, max: maxItems });
        });
    }
    case 'likert':
      return numberIn(question.scale.min, question.scale.max, true);
    case 'nps':
      return numberIn(0, 10, true);
    case 'boolean':
      return z.boolean({ error: reasonError({ reason: 'type', expected: 'boolean' }) });
    case 'consent':
      return z.literal(true, { error: reasonError({ reason: 'consent' }) });
    case 'matrix':
      return strictObject(
        Object.fromEntries(
          question.rows.map((row) => [
            row.id,
            question.required
              ? numberIn(question.scale.min, question.scale.max, true)
              : numberIn(question.scale.min, question.scale.max, true).optional(),
          ]),
        ),
      );
  }
}

function strictObject(shape: Record<string, z.ZodType>) {
  return z.strictObject(shape, { error: reasonError({ reason: 'type', expected: 'object' }) });
}

function questionSchema(question: Question): z.ZodType {
  if (question.type !== 'group') return fieldSchema(question);
  const item = strictObject(
    Object.fromEntries(
      question.fields.map((field) => [
        field.id,
        field.required ? fieldSchema(field) : fieldSchema(field).optional(),
      ]),
    ),
  );
  return z
    .array(item, { error: reasonError({ reason: 'type', expected: 'list' }) })
    .superRefine((items, ctx) => {
      if (items.length < question.minItems || items.length > question.maxItems)
        fail(ctx, { reason: 'count', min: question.minItems, max: question.maxItems });
    });
}

const schemas = new WeakMap<Survey, z.ZodType<Answers>>();

/** The strict answers schema of a survey (built once per survey and cached). */
export function answersSchema(survey: Survey): z.ZodType<Answers> {
  let schema = schemas.get(survey);
  if (!schema) {
    const shape = Object.fromEntries(
      questionsOf(survey).map((question) => [
        question.id,
        question.required ? questionSchema(question) : questionSchema(question).optional(),
      ]),
    );
    schema = strictObject(shape) as unknown as z.ZodType<Answers>;
    schemas.set(survey, schema);
  }
  return schema;
}

export type Validated = { ok: true; answers: Answers } | { ok: false; issues: ValidationIssue[] };

/** Validates normalised answers against the survey; issues name the question in `lang`. */
export function validateAnswers(survey: Survey, answers: unknown, lang: Lang): Validated {
  const result = answersSchema(survey).safeParse(answers);
  if (result.success) return { ok: true, answers: result.data };
  const issues: ValidationIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = ['answers', ...issue.path.map(pathKey), key];
        issues.push({ path, message: messages.unknown[lang](labelAt(survey, path, lang)) });
      }
      continue;
    }
    const path = ['answers', ...issue.path.map(pathKey)];
    issues.push({ path, message: describe(reasonOf(issue), labelAt(survey, path, lang), lang) });
  }
  return { ok: false, issues };
}

const pathKey = (key: PropertyKey): string | number => (typeof key === 'number' ? key : String(key));

function reasonOf(issue: z.core.$ZodIssue): Reason {
  if (issue.code === 'custom' && issue.params) return issue.params as Reason;
  if (issue.message === 'required') return { reason: 'required' };
  try {
    return JSON.parse(issue.message) as Reason;
  } catch {
    return { reason: 'type', expected: 'text' };
  }
}

/** The label a respondent saw for the field at `path` (group item fields: "Kurs 2: Namn"). */
export function labelAt(survey: Survey, path: (string | number)[], lang: Lang): string {
  const [, questionId, second, third] = path;
  const question = questionsOf(survey).find((candidate) => candidate.id === questionId);
  if (!question) return String(questionId);
  if (question.type === 'group' && typeof second === 'number') {
    const field = question.fields.find((candidate) => candidate.id === third);
    const item = `${question.itemLabel[lang]} ${second + 1}`;
    return field ? `${item}: ${field.label[lang]}` : item;
  }
  if (question.type === 'matrix' && typeof second === 'string') {
    const row = question.rows.find((candidate) => candidate.id === second);
    if (row) return `${question.label[lang]}: ${row.label[lang]}`;
  }
  return question.label[lang];
}

type Message = Record<Lang, (label: string) => string>;

/** "Ort: svara på frågan." but "I vilket län finns centrumet? Svara på frågan." (also after "." and "!") */
function named(label: string, text: string): string {
  return /[?.!]$/.test(label)
    ? `${label} ${text.charAt(0).toUpperCase()}${text.slice(1)}`
    : `${label}: ${text}`;
}
const t = (sv: Message['sv'], en: Message['en']): Message => ({ sv, en });

const messages = {
  required: t(
    (l) => named(l, `svara på frågan.`),
    (l) => named(l, `please answer this question.`),
  ),
  unknown: t(
    (l) => named(l, `frågan finns inte i enkäten.`),
    (l) => named(l, `this question is not part of the survey.`),
  ),
  control: t(
    (l) => named(l, `texten innehåller otillåtna tecken.`),
    (l) => named(l, `the text contains characters that are not allowed.`),
  ),
  bidi: t(
    (l) =>
      named(l, `texten innehåller osynliga tecken som ändrar skrivriktningen. Ta bort dem och försök igen.`),
    (l) =>
      named(
        l,
        `the text contains invisible characters that change the writing direction. Remove them and try again.`,
      ),
  ),
  email: t(
    (l) => named(l, `skriv en giltig e-postadress, till exempel namn@foretag.se.`),
    (l) => named(l, `enter a valid email address, like name@company.se.`),
  ),
  emailLocalPart: t(
    (l) =>
      named(
        l,
        `vi kan inte skicka e-post till adressen. Före @ går bara a–z, siffror och tecken som . - _ + (inte å, ä, ö), högst 64 tecken.`,
      ),
    (l) =>
      named(
        l,
        `we cannot send email to this address. Before the @ use only a–z, digits and characters such as . - _ + (no å, ä, ö), at most 64 characters.`,
      ),
  ),
  orgNumberFormat: t(
    (l) => named(l, `skriv organisationsnumret som 10 siffror med bindestreck, till exempel 556677-8899.`),
    (l) => named(l, `enter the organisation number as 10 digits with a hyphen, like 556677-8899.`),
  ),
  orgNumberChecksum: t(
    (l) => named(l, `kontrollsiffran stämmer inte. Kontrollera organisationsnumret.`),
    (l) => named(l, `the check digit is wrong. Check the organisation number.`),
  ),
  date: t(
    (l) => named(l, `skriv ett giltigt datum som ÅÅÅÅ-MM-DD.`),
    (l) => named(l, `enter a valid date as YYYY-MM-DD.`),
  ),
  option: t(
    (l) => named(l, `välj ett av alternativen.`),
    (l) => named(l, `choose one of the options.`),
  ),
  distinct: t(
    (l) => named(l, `välj varje alternativ högst en gång.`),
    (l) => named(l, `choose each option at most once.`),
  ),
  consent: t(
    (l) => named(l, `du behöver bekräfta för att kunna skicka in.`),
    (l) => named(l, `you need to confirm this to submit.`),
  ),
} satisfies Record<string, Message>;

const expected: Record<Extract<Reason, { reason: 'type' }>['expected'], Text> = {
  text: { sv: 'en text', en: 'a text' },
  number: { sv: 'ett tal', en: 'a number' },
  integer: { sv: 'ett heltal', en: 'a whole number' },
  boolean: { sv: 'ja eller nej', en: 'yes or no' },
  list: { sv: 'en lista', en: 'a list' },
  object: { sv: 'ett svar per rad', en: 'one answer per row' },
};

function describe(reason: Reason, label: string, lang: Lang): string {
  const sv = lang === 'sv';
  switch (reason.reason) {
    case 'type':
      return sv
        ? named(label, `svaret ska vara ${expected[reason.expected].sv}.`)
        : named(label, `the answer must be ${expected[reason.expected].en}.`);
    case 'tooLong':
      return sv
        ? named(label, `skriv högst ${reason.max} tecken.`)
        : named(label, `use at most ${reason.max} characters.`);
    case 'range':
      return sv
        ? named(label, `ange ett värde från ${reason.min} till ${reason.max}.`)
        : named(label, `enter a value from ${reason.min} to ${reason.max}.`);
    case 'dateRange':
      return sv
        ? named(
            label,
            `datumet ska vara${reason.min ? ` tidigast ${reason.min}` : ''}${reason.max ? ` senast ${reason.max}` : ''}.`,
          )
        : named(
            label,
            `the date must be${reason.min ? ` no earlier than ${reason.min}` : ''}${reason.max ? ` no later than ${reason.max}` : ''}.`,
          );
    case 'count':
      return countMessage(label, reason.min, reason.max, lang);
    default:
      return messages[reason.reason][lang](label);
  }
}

function countMessage(label: string, min: number | undefined, max: number | undefined, lang: Lang): string {
  if (lang === 'sv') {
    if (min && max) return named(label, `välj eller fyll i från ${min} till ${max}.`);
    return min
      ? named(label, `välj eller fyll i minst ${min}.`)
      : named(label, `välj eller fyll i högst ${max}.`);
  }
  if (min && max) return named(label, `choose or fill in from ${min} to ${max}.`);
  return min
    ? named(label, `choose or fill in at least ${min}.`)
    : named(label, `choose or fill in at most ${max}.`);
}
