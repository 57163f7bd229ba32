/**
 * The survey definition model. A survey is written once, as data of these types, in `surveys/`;
 * validation, the hosted form, aggregation, the digest and the export are all derived from it.
 * What each question type means (schema, counters, export) lives in its module under `questions/`.
 */
import { modelOf } from './questions/index.ts';

/** Every user-facing text exists in Swedish (primary) and English. */
export type Text = { sv: string; en: string };
export type Lang = keyof Text;

export type Option = { value: string; label: Text };
export type Scale = { min: number; max: number; labels: Record<string, Text> };
type MatrixRow = { id: string; label: Text };

/**
 * What kind of personal data a question holds. Personal answers are stored apart from the rest,
 * get a retention date and are what `skc erase` removes; `email` answers are also how a person is
 * found for erasure and where an applicant's receipt goes.
 */
type Personal = 'email' | 'name' | 'contact';

type QuestionBase = {
  id: string;
  label: Text;
  help?: Text;
  required: boolean;
  /** Marks personal data (never part of the public definition). */
  personal?: Personal;
  /** HTML autocomplete token for the hosted form (WCAG 1.3.5). */
  autocomplete?: string;
};

export type TextQuestion = QuestionBase & { type: 'text' | 'longText'; maxLength: number };
export type EmailQuestion = QuestionBase & { type: 'email' };
export type OrgNumberQuestion = QuestionBase & { type: 'orgNumber' };
export type NumericQuestion = QuestionBase & {
  type: 'integer' | 'number';
  min: number;
  max: number;
  unit?: Text;
};
export type DateQuestion = QuestionBase & { type: 'date'; min?: string; max?: string };
export type SingleChoiceQuestion = QuestionBase & { type: 'singleChoice'; options: Option[] };
export type MultiChoiceQuestion = QuestionBase & {
  type: 'multiChoice';
  options: Option[];
  minItems?: number;
  maxItems?: number;
};
export type LikertQuestion = QuestionBase & { type: 'likert'; scale: Scale };
export type NpsQuestion = QuestionBase & { type: 'nps' };
export type BooleanQuestion = QuestionBase & { type: 'boolean' };
export type ConsentQuestion = QuestionBase & { type: 'consent' };
export type MatrixQuestion = QuestionBase & { type: 'matrix'; rows: MatrixRow[]; scale: Scale };
export type GroupQuestion = QuestionBase & {
  type: 'group';
  fields: FieldQuestion[];
  minItems: number;
  maxItems: number;
  /** Names one item in the form, e.g. "Kurs" → "Kurs 2". */
  itemLabel: Text;
};

export type Question =
  | TextQuestion
  | EmailQuestion
  | OrgNumberQuestion
  | NumericQuestion
  | DateQuestion
  | SingleChoiceQuestion
  | MultiChoiceQuestion
  | LikertQuestion
  | NpsQuestion
  | BooleanQuestion
  | ConsentQuestion
  | MatrixQuestion
  | GroupQuestion;

export type QuestionType = Question['type'];
/** Questions that may stand inside a group: every type but a group itself. */
export type FieldQuestion = Exclude<Question, GroupQuestion>;

type Section = { id: string; title: Text; description?: Text; questions: Question[] };

type Access = 'open' | 'invite';

export type Survey = {
  id: string;
  version: number;
  title: Text;
  description?: Text;
  access: Access;
  /** ISO 8601 with offset. */
  opensAt?: string;
  closesAt?: string;
  /** Shown on the form and in invitations. */
  minutes: number;
  /** The question whose answer is the respondent's region (for region roll-ups), if any. */
  regionQuestion?: string;
  /**
   * Responses are applications the review committee decides on: each gets a tracked status, and
   * the `personal: 'email'` answer gets a receipt and the decisions. `titleQuestion` names the case.
   */
  review?: { titleQuestion: string };
  sections: Section[];
};

/** Every question of a survey in definition order (groups count as one question). */
export function questionsOf(survey: Survey): Question[] {
  return survey.sections.flatMap((section) => section.questions);
}

export function findQuestion(survey: Survey, id: string): Question | undefined {
  return questionsOf(survey).find((question) => question.id === id);
}

/** Whether the survey accepts answers at `now` (opensAt inclusive, closesAt exclusive). */
export function isOpen(survey: Survey, now: Date): boolean {
  if (survey.opensAt && now.getTime() < Date.parse(survey.opensAt)) return false;
  if (survey.closesAt && now.getTime() >= Date.parse(survey.closesAt)) return false;
  return true;
}

/** The public definition of the contract: the survey without internal fields. */
export function publicDefinition(survey: Survey) {
  return {
    ...summary(survey),
    ...(survey.description && { description: survey.description }),
    sections: survey.sections.map((section) => ({
      id: section.id,
      title: section.title,
      ...(section.description && { description: section.description }),
      questions: section.questions.map(publicQuestion),
    })),
  };
}

function publicQuestion(question: Question): Record<string, unknown> {
  const { personal: _personal, autocomplete: _autocomplete, ...rest } = question;
  const parts = modelOf(question).parts(question);
  return parts ? { ...rest, fields: parts.map(publicQuestion) } : rest;
}

/** What GET /surveys lists of a survey: its name, access and opening times. */
export function summary(survey: Survey) {
  return {
    id: survey.id,
    version: survey.version,
    title: survey.title,
    access: survey.access,
    ...(survey.opensAt && { opensAt: survey.opensAt }),
    ...(survey.closesAt && { closesAt: survey.closesAt }),
  };
}
