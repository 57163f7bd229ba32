/**
 * The question-type registry of the core: for every type of `definition.ts`, its schema, form
 * decoding, normalisation, counters, statistics and export columns (one module per type, in this
 * folder). Typed over every `QuestionType`, so a type missing a part does not compile.
 */
import type { Question, QuestionType } from '../definition.ts';
import { fieldModels } from './fields.ts';
import { group } from './group.ts';
import type { QuestionModel } from './kit.ts';

export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const questionModels: { [T in QuestionType]: QuestionModel<QuestionOf<T>> } = {
  ...fieldModels,
  group,
};

/** The model of a question, typed for that question. */
export function modelOf<Q extends Question>(question: Q): QuestionModel<Q> {
  return questionModels[question.type] as unknown as QuestionModel<Q>;
}
