/** `email`: an email input, no spellcheck, autocompleted as an email address by default. */
import type { EmailQuestion } from '../../core/definition.ts';
import { fieldShell, hintOf, inputControl } from '../components/field.ts';
import { html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

export const email: QuestionView<EmailQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(question, path, context, hintOf(question, [], context.lang), (parts) =>
      inputControl(question, parts, context.lang, {
        type: 'email',
        extra: html` spellcheck="false" autocomplete="${question.autocomplete ?? 'email'}"`,
      }),
    ),
};
