/** `text` and `longText`: a trimmed string of at most `maxLength` characters. */
import type { TextQuestion } from '../definition.ts';
import { plain, text as textOf, type QuestionModel, type QuestionSchema } from './kit.ts';

export const text: QuestionModel<TextQuestion> = plain;

export const textSchema: QuestionSchema<TextQuestion> = (question) => textOf(question.maxLength);
