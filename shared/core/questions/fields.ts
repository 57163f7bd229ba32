/**
 * The registries of question types that may stand alone or inside a group: their models, and
 * their answer schemas apart (only validation loads zod). Typed over every field type, so a type
 * without its module does not compile. Adding a type: its module, one line in each registry.
 */
import type { FieldQuestion } from '../definition.ts';
import type { QuestionModel, QuestionSchema } from './kit.ts';
import { boolean, booleanSchema } from './boolean.ts';
import { consent, consentSchema } from './consent.ts';
import { date, dateSchema } from './date.ts';
import { email, emailSchema } from './email.ts';
import { likert, likertSchema } from './likert.ts';
import { matrix, matrixSchema } from './matrix.ts';
import { multiChoice, multiChoiceSchema } from './multi-choice.ts';
import { nps, npsSchema } from './nps.ts';
import { numeric, numericSchema } from './numeric.ts';
import { orgNumber, orgNumberSchema } from './org-number.ts';
import { singleChoice, singleChoiceSchema } from './single-choice.ts';
import { text, textSchema } from './text.ts';

export type FieldType = FieldQuestion['type'];
export type FieldOf<T extends FieldType> = Extract<FieldQuestion, { type: T }>;

export const fieldModels: { [T in FieldType]: QuestionModel<FieldOf<T>> } = {
  text,
  longText: { ...text, comment: true },
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

export const fieldSchemas: { [T in FieldType]: QuestionSchema<FieldOf<T>> } = {
  text: textSchema,
  longText: textSchema,
  email: emailSchema,
  orgNumber: orgNumberSchema,
  integer: numericSchema,
  number: numericSchema,
  date: dateSchema,
  singleChoice: singleChoiceSchema,
  multiChoice: multiChoiceSchema,
  likert: likertSchema,
  nps: npsSchema,
  boolean: booleanSchema,
  consent: consentSchema,
  matrix: matrixSchema,
};

/** The model of a field question, typed for that question. */
export function fieldModel<Q extends FieldQuestion>(question: Q): QuestionModel<Q> {
  return fieldModels[question.type] as unknown as QuestionModel<Q>;
}

/** The answer schema of a field question. */
export function fieldSchema<Q extends FieldQuestion>(question: Q): ReturnType<QuestionSchema<Q>> {
  return (fieldSchemas[question.type] as unknown as QuestionSchema<Q>)(question);
}
