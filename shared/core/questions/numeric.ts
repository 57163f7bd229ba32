/** `integer` and `number`: a number within `min`–`max`; the digest shows its mean. */
import type { NumericQuestion } from '../definition.ts';
import {
  meanStats,
  normaliseNumber,
  numberIn,
  plain,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

export const numeric: QuestionModel<NumericQuestion> = {
  ...plain,
  normalise: normaliseNumber,
  count: (question, value, add) => add(`${question.id}#sum`, value as number),
  stats: (question, counters) => meanStats(counters, question.id),
};

export const numericSchema: QuestionSchema<NumericQuestion> = (question) =>
  numberIn(question.min, question.max, question.type === 'integer');
