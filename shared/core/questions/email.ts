/** `email`: a valid address (also how a person is found for erasure). */
import type { EmailQuestion } from '../definition.ts';
import {
  BIDI_CONTROL,
  CONTROL,
  emailProblem,
  fail,
  MAX_EMAIL_LENGTH,
  plain,
  text,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

export const email: QuestionModel<EmailQuestion> = plain;

export const emailSchema: QuestionSchema<EmailQuestion> = () =>
  text(MAX_EMAIL_LENGTH).superRefine((value, ctx) => {
    if (CONTROL.test(value) || BIDI_CONTROL.test(value)) return; // reported by text()
    const problem = emailProblem(value);
    if (problem) fail(ctx, { reason: problem });
  });
