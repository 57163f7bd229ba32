/** `consent`: a checkbox that must be ticked (`true`). */
import * as z from 'zod';
import type { ConsentQuestion } from '../definition.ts';
import { formBoolean } from './boolean.ts';
import { plain, reasonError, type QuestionModel, type QuestionSchema } from './kit.ts';

export const consent: QuestionModel<ConsentQuestion> = {
  ...plain,
  normalise: (_question, value, encoding) => formBoolean(value, encoding),
};

export const consentSchema: QuestionSchema<ConsentQuestion> = () =>
  z.literal(true, { error: reasonError({ reason: 'consent' }) });
