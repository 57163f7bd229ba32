/**
 * The registry of how each field type looks (form control, hint, receipt line, digest chart).
 * Typed over every field type, so a type without its view does not compile. Adding a type: its
 * module, one line here.
 */
import type { FieldQuestion } from '../../core/definition.ts';
import type { QuestionView } from './kit.ts';
import { boolean } from './boolean.ts';
import { consent } from './consent.ts';
import { date } from './date.ts';
import { email } from './email.ts';
import { likert } from './likert.ts';
import { longText } from './long-text.ts';
import { matrix } from './matrix.ts';
import { multiChoice } from './multi-choice.ts';
import { nps } from './nps.ts';
import { integer, number } from './numeric.ts';
import { orgNumber } from './org-number.ts';
import { singleChoice } from './single-choice.ts';
import { text } from './text.ts';

type FieldType = FieldQuestion['type'];

export const fieldViews: { [T in FieldType]: QuestionView<Extract<FieldQuestion, { type: T }>> } = {
  text,
  longText,
  email,
  orgNumber,
  integer,
  number,
  date,
  singleChoice,
  multiChoice,
  likert,
  nps,
  boolean,
  consent,
  matrix,
};

/** The view of a field question, typed for that question. */
export function fieldView<Q extends FieldQuestion>(question: Q): QuestionView<Q> {
  return fieldViews[question.type] as unknown as QuestionView<Q>;
}
