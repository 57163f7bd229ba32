/**
 * Aggregate counters: what one response adds to its survey-week bucket, and how buckets read
 * back as the digest's statistics. Counters move in the same transaction as the response, so the
 * digest reads O(questions × weeks) numbers and never scans responses.
 *
 * Counter names: `responses`; per question `<q>#n` (answered), `<q>#sum`, `<q>=<value>` (count of a
 * value); matrix rows as `<q>.<row>#n|#sum|=<value>`.
 */
import type { Question, Survey } from './definition.ts';
import { questionsOf } from './definition.ts';
import type { Answers } from './validation.ts';

export type Counters = Record<string, number>;

export const RESPONSES = 'responses';

/** The increments one validated response makes. */
export function countersFor(survey: Survey, answers: Answers): Counters {
  const counters: Counters = { [RESPONSES]: 1 };
  const add = (name: string, by = 1) => {
    counters[name] = (counters[name] ?? 0) + by;
  };
  for (const question of questionsOf(survey)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    add(`${question.id}#n`);
    switch (question.type) {
      case 'integer':
      case 'number':
        add(`${question.id}#sum`, value as number);
        break;
      case 'likert':
      case 'nps':
        add(`${question.id}#sum`, value as number);
        add(`${question.id}=${value}`);
        break;
      case 'singleChoice':
      case 'boolean':
        add(`${question.id}=${String(value)}`);
        break;
      case 'multiChoice':
        for (const option of value as string[]) add(`${question.id}=${option}`);
        break;
      case 'matrix':
        for (const [row, rating] of Object.entries(value as Record<string, number>)) {
          add(`${question.id}.${row}#n`);
          add(`${question.id}.${row}#sum`, rating);
          add(`${question.id}.${row}=${rating}`);
        }
        break;
      default:
        // text, email, orgNumber, date, consent, group: only how many answered.
        break;
    }
  }
  return counters;
}

export type Stats = {
  n: number;
  mean?: number;
  distribution?: Record<string, number> | Record<string, Record<string, number>>;
  nps?: number;
};

/** Adds counter sets together (weeks into a total, regions into a nation). */
export function sumCounters(buckets: Counters[]): Counters {
  const total: Counters = {};
  for (const bucket of buckets) {
    for (const [name, value] of Object.entries(bucket)) total[name] = (total[name] ?? 0) + value;
  }
  return total;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function distributionOf(counters: Counters, prefix: string, values: string[]): Record<string, number> {
  return Object.fromEntries(values.map((value) => [value, counters[`${prefix}=${value}`] ?? 0]));
}

function range(min: number, max: number): string[] {
  return Array.from({ length: max - min + 1 }, (_, index) => String(min + index));
}

/** Net Promoter Score: promoters (9–10) minus detractors (0–6), in percent of answers. */
export function npsScore(distribution: Record<string, number>): number | undefined {
  const n = Object.values(distribution).reduce((sum, count) => sum + count, 0);
  if (n === 0) return undefined;
  const count = (values: number[]) =>
    values.reduce((sum, value) => sum + (distribution[String(value)] ?? 0), 0);
  return Math.round(((count([9, 10]) - count([0, 1, 2, 3, 4, 5, 6])) / n) * 100);
}

/** The digest's STATS of one question from a counter set. */
export function statsOf(question: Question, counters: Counters): Stats {
  const id = question.id;
  const n = counters[`${id}#n`] ?? 0;
  const mean = () => (n > 0 ? { mean: round((counters[`${id}#sum`] ?? 0) / n) } : {});
  switch (question.type) {
    case 'integer':
    case 'number':
      return { n, ...mean() };
    case 'likert':
      return {
        n,
        ...mean(),
        distribution: distributionOf(counters, id, range(question.scale.min, question.scale.max)),
      };
    case 'nps': {
      const distribution = distributionOf(counters, id, range(0, 10));
      const score = npsScore(distribution);
      return { n, ...mean(), distribution, ...(score !== undefined && { nps: score }) };
    }
    case 'singleChoice':
    case 'multiChoice':
      return {
        n,
        distribution: distributionOf(
          counters,
          id,
          question.options.map((option) => option.value),
        ),
      };
    case 'boolean':
      return { n, distribution: distributionOf(counters, id, ['true', 'false']) };
    case 'matrix': {
      const values = range(question.scale.min, question.scale.max);
      const distribution = Object.fromEntries(
        question.rows.map((row) => [row.id, distributionOf(counters, `${id}.${row.id}`, values)]),
      );
      return { n, distribution };
    }
    default:
      return { n };
  }
}

/** Mean of one matrix row (for the digest's per-criterion figures). */
export function rowMean(counters: Counters, questionId: string, rowId: string): number | undefined {
  const n = counters[`${questionId}.${rowId}#n`] ?? 0;
  return n > 0 ? round((counters[`${questionId}.${rowId}#sum`] ?? 0) / n) : undefined;
}
