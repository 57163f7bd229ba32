/** `boolean`: yes or no (radios posting `true`/`false`); the digest counts each. */
import * as z from 'zod';
import type { BooleanQuestion } from '../definition.ts';
import {
  blankToUndefined,
  choiceStats,
  plain,
  reasonError,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

/** The form posts `true`/`false` as text: a boolean only on the form path. */
export function formBoolean(value: unknown, encoding: 'json' | 'form'): unknown {
  const blanked = blankToUndefined(value);
  return encoding === 'form' && (blanked === 'true' || blanked === 'false') ? blanked === 'true' : blanked;
}

export const boolean: QuestionModel<BooleanQuestion> = {
  ...plain,
  normalise: (_question, value, encoding) => formBoolean(value, encoding),
  count: (question, value, add) => add(`${question.id}=${String(value)}`),
  stats: (question, counters) => choiceStats(counters, question.id, ['true', 'false']),
};

export const booleanSchema: QuestionSchema<BooleanQuestion> = () =>
  z.boolean({ error: reasonError({ reason: 'type', expected: 'boolean' }) });
