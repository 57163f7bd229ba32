/** `email`: an email input, no spellcheck, autocompleted as an email address by default. */
import type { EmailQuestion } from '../../core/definition.ts';
import { inputField } from '../components/field.ts';
import { html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

export const email: QuestionView<EmailQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    inputField(question, path, context, {
      type: 'email',
      extra: html` spellcheck="false" autocomplete="${question.autocomplete ?? 'email'}"`,
    }),
};
