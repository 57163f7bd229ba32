/** `consent`: a checkbox that must be ticked (`true`). */
import * as z from 'zod';
import type { ConsentQuestion } from '../definition.ts';
import { formBoolean } from './boolean.ts';
import { plain, reasonError, type QuestionModel } from './kit.ts';

export const consent: QuestionModel<ConsentQuestion> = {
  ...plain,
  schema: () => z.literal(true, { error: reasonError({ reason: 'consent' }) }),
  normalise: (_question, value, encoding) => formBoolean(value, encoding),
};
