/** `multiChoice`: distinct option values (checkboxes); exported joined with `;`. */
import * as z from 'zod';
import type { MultiChoiceQuestion } from '../definition.ts';
import {
  blankToUndefined,
  cellOf,
  choiceStats,
  fail,
  oneOf,
  ownValues,
  plain,
  reasonError,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

export const multiChoice: QuestionModel<MultiChoiceQuestion> = {
  ...plain,
  decode: (question, entries) => ownValues(question, entries),
  normalise: (_question, value) => {
    const blanked = blankToUndefined(value);
    return Array.isArray(blanked)
      ? blanked.map((item) => blankToUndefined(item)).filter((item) => item !== undefined)
      : blanked;
  },
  count: (question, value, add) => {
    for (const option of value as string[]) add(`${question.id}=${option}`);
  },
  stats: (question, counters) =>
    choiceStats(
      counters,
      question.id,
      question.options.map((option) => option.value),
    ),
  cells: (question, value) => ({ [question.id]: Array.isArray(value) ? value.join(';') : cellOf(value) }),
  fromCells: (question, cell) => {
    const value = cell(question.id);
    return value?.trim() ? { value: value.split(';') } : undefined;
  },
};

export const multiChoiceSchema: QuestionSchema<MultiChoiceQuestion> = (question) => {
  const { minItems, maxItems } = question;
  return z
    .array(oneOf(question.options.map((option) => option.value)), {
      error: reasonError({ reason: 'type', expected: 'list' }),
    })
    .max(question.options.length, { error: JSON.stringify({ reason: 'distinct' }) })
    .superRefine((values, ctx) => {
      if (new Set(values).size !== values.length) fail(ctx, { reason: 'distinct' });
      else if ((minItems && values.length < minItems) || (maxItems && values.length > maxItems))
        fail(ctx, { reason: 'count', min: minItems, max: maxItems });
    });
};
