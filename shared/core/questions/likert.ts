/** `likert`: an integer on a labelled scale; the digest shows the mean and each value's count. */
import type { LikertQuestion } from '../definition.ts';
import {
  distributionOf,
  meanStats,
  normaliseNumber,
  numberIn,
  plain,
  range,
  type QuestionModel,
} from './kit.ts';

export const likert: QuestionModel<LikertQuestion> = {
  ...plain,
  schema: (question) => numberIn(question.scale.min, question.scale.max, true),
  normalise: normaliseNumber,
  count: (question, value, add) => {
    add(`${question.id}#sum`, value as number);
    add(`${question.id}=${String(value)}`);
  },
  stats: (question, counters) => ({
    ...meanStats(counters, question.id),
    distribution: distributionOf(counters, question.id, range(question.scale.min, question.scale.max)),
  }),
};
