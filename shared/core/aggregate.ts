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
import { modelOf } from './questions/index.ts';
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
    modelOf(question).count(question, value, add);
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

/** The digest's STATS of one question from a counter set. */
export function statsOf(question: Question, counters: Counters): Stats {
  return modelOf(question).stats(question, counters);
}
