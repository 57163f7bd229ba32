/** `singleChoice`: one option value; the digest counts each value. */
import type { SingleChoiceQuestion } from '../definition.ts';
import { choiceStats, oneOf, plain, type QuestionModel, type QuestionSchema } from './kit.ts';

export const singleChoice: QuestionModel<SingleChoiceQuestion> = {
  ...plain,
  count: (question, value, add) => add(`${question.id}=${String(value)}`),
  stats: (question, counters) =>
    choiceStats(
      counters,
      question.id,
      question.options.map((option) => option.value),
    ),
};

export const singleChoiceSchema: QuestionSchema<SingleChoiceQuestion> = (question) =>
  oneOf(question.options.map((option) => option.value));
