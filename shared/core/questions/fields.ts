/**
 * The registry of question types that may stand alone or inside a group. Typed over every field
 * type, so a type without its module does not compile. Adding a type: its module, one line here.
 */
import type { FieldQuestion } from '../definition.ts';
import type { QuestionModel } from './kit.ts';
import { boolean } from './boolean.ts';
import { consent } from './consent.ts';
import { date } from './date.ts';
import { email } from './email.ts';
import { likert } from './likert.ts';
import { matrix } from './matrix.ts';
import { multiChoice } from './multi-choice.ts';
import { nps } from './nps.ts';
import { numeric } from './numeric.ts';
import { orgNumber } from './org-number.ts';
import { singleChoice } from './single-choice.ts';
import { text } from './text.ts';

export type FieldType = FieldQuestion['type'];
export type FieldOf<T extends FieldType> = Extract<FieldQuestion, { type: T }>;

export const fieldModels: { [T in FieldType]: QuestionModel<FieldOf<T>> } = {
  text,
  longText: text,
  email,
  orgNumber,
  integer: numeric,
  number: numeric,
  date,
  singleChoice,
  multiChoice,
  likert,
  nps,
  boolean,
  consent,
  matrix,
};

/** The model of a field question, typed for that question. */
export function fieldModel<Q extends FieldQuestion>(question: Q): QuestionModel<Q> {
  return fieldModels[question.type] as unknown as QuestionModel<Q>;
}
