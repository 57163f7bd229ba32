/**
 * The question-type registry of the views: for every type of `core/definition.ts`, its form
 * control, hint, error targets, receipt line and digest chart (one module per type, in this
 * folder). Typed over every `QuestionType`, so a type missing a part does not compile.
 */
import type { Question, QuestionType } from '../../core/definition.ts';
import { fieldViews } from './fields.ts';
import { group } from './group.ts';
import type { QuestionView } from './kit.ts';

export const questionViews: { [T in QuestionType]: QuestionView<Extract<Question, { type: T }>> } = {
  ...fieldViews,
  group,
};

/** The view of a question, typed for that question. */
export function viewOf<Q extends Question>(question: Q): QuestionView<Q> {
  return questionViews[question.type] as unknown as QuestionView<Q>;
}
