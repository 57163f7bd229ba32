/** `nps`: 0–10; the digest shows the Net Promoter Score. */
import type { NpsQuestion } from '../definition.ts';
import { npsFigure } from '../report/statistics.ts';
import { numberIn, scale, type QuestionModel, type QuestionSchema } from './kit.ts';

/** Net Promoter Score: promoters (9–10) minus detractors (0–6), in percent of answers. */
function npsScore(distribution: Record<string, number>): number | undefined {
  const n = Object.values(distribution).reduce((sum, count) => sum + count, 0);
  if (n === 0) return undefined;
  const count = (values: number[]) =>
    values.reduce((sum, value) => sum + (distribution[String(value)] ?? 0), 0);
  return Math.round(((count([9, 10]) - count([0, 1, 2, 3, 4, 5, 6])) / n) * 100);
}

const zeroToTen = scale<NpsQuestion>(() => ({ min: 0, max: 10 }));

export const nps: QuestionModel<NpsQuestion> = {
  ...zeroToTen,
  valueMeasure: {
    kind: 'nps',
    range: () => ({ min: -100, max: 100 }),
    figure: (_question, distribution, imported) => npsFigure(distribution, imported),
  },
  stats: (question, counters) => {
    const stats = zeroToTen.stats(question, counters);
    const score = npsScore(stats.distribution);
    return { ...stats, ...(score !== undefined && { nps: score }) };
  },
};

export const npsSchema: QuestionSchema<NpsQuestion> = () => numberIn(0, 10, true);
