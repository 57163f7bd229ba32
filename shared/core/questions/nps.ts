/** `nps`: 0–10; the digest shows the Net Promoter Score. */
import type { NpsQuestion } from '../definition.ts';
import {
  distributionOf,
  meanStats,
  normaliseNumber,
  numberIn,
  plain,
  range,
  type QuestionModel,
} from './kit.ts';

/** Net Promoter Score: promoters (9–10) minus detractors (0–6), in percent of answers. */
function npsScore(distribution: Record<string, number>): number | undefined {
  const n = Object.values(distribution).reduce((sum, count) => sum + count, 0);
  if (n === 0) return undefined;
  const count = (values: number[]) =>
    values.reduce((sum, value) => sum + (distribution[String(value)] ?? 0), 0);
  return Math.round(((count([9, 10]) - count([0, 1, 2, 3, 4, 5, 6])) / n) * 100);
}

export const nps: QuestionModel<NpsQuestion> = {
  ...plain,
  schema: () => numberIn(0, 10, true),
  normalise: normaliseNumber,
  count: (question, value, add) => {
    add(`${question.id}#sum`, value as number);
    add(`${question.id}=${String(value)}`);
  },
  stats: (question, counters) => {
    const distribution = distributionOf(counters, question.id, range(0, 10));
    const score = npsScore(distribution);
    return { ...meanStats(counters, question.id), distribution, ...(score !== undefined && { nps: score }) };
  },
};
