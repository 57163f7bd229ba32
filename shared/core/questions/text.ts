/** `text` and `longText`: a trimmed string of at most `maxLength` characters. */
import type { TextQuestion } from '../definition.ts';
import { plain, text as textSchema, type QuestionModel } from './kit.ts';

export const text: QuestionModel<TextQuestion> = {
  ...plain,
  schema: (question) => textSchema(question.maxLength),
};
