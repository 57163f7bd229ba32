/**
 * Survey definition → zod schema, and zod issues → the contract's validation issues with a
 * message in the respondent's language that names the question.
 */
import type * as z from 'zod';
import type { Lang, Survey, Text } from './definition.ts';
import { questionsOf } from './definition.ts';
import { modelOf, schemaOf } from './questions/index.ts';
import { strictObject, type Reason } from './questions/kit.ts';

export type Answers = Record<string, unknown>;
export type ValidationIssue = { path: (string | number)[]; message: string };

export { BIDI_CONTROL, isValidDate, isValidEmail, isValidOrgNumber } from './questions/kit.ts';

const schemas = new WeakMap<Survey, z.ZodType<Answers>>();

/** The strict answers schema of a survey (built once per survey and cached). */
function answersSchema(survey: Survey): z.ZodType<Answers> {
  let schema = schemas.get(survey);
  if (!schema) {
    const shape = Object.fromEntries(
      questionsOf(survey).map((question) => [
        question.id,
        question.required ? schemaOf(question) : schemaOf(question).optional(),
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
function labelAt(survey: Survey, path: (string | number)[], lang: Lang): string {
  const [, questionId, ...rest] = path;
  const question = questionsOf(survey).find((candidate) => candidate.id === questionId);
  if (!question) return String(questionId);
  return modelOf(question).labelAt(question, rest, lang);
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
    (l) => named(l, `kryssa i rutan för att kunna skicka in.`),
    (l) => named(l, `tick the box to be able to submit.`),
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
            `datumet ska vara${reason.min ? ` tidigast ${reason.min}` : ''}${reason.min && reason.max ? ' och' : ''}${reason.max ? ` senast ${reason.max}` : ''}.`,
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
