/** `date`: `YYYY-MM-DD`, optionally within `min`–`max`. */
import type { DateQuestion } from '../definition.ts';
import { fail, isValidDate, plain, text, type QuestionModel, type QuestionSchema } from './kit.ts';

export const date: QuestionModel<DateQuestion> = plain;

export const dateSchema: QuestionSchema<DateQuestion> = (question) =>
  text(10).superRefine((value, ctx) => {
    if (!isValidDate(value)) fail(ctx, { reason: 'date' });
    else if ((question.min && value < question.min) || (question.max && value > question.max))
      fail(ctx, { reason: 'dateRange', min: question.min, max: question.max });
  });
