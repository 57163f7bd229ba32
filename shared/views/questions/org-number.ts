/** `orgNumber`: a short text input with the numeric keyboard. */
import type { OrgNumberQuestion } from '../../core/definition.ts';
import { autocompleteOf, fieldShell, hintOf, inputControl } from '../components/field.ts';
import { html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

export const orgNumber: QuestionView<OrgNumberQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(question, path, context, hintOf(question, [], context.lang), (parts) =>
      inputControl(question, parts, context.lang, {
        type: 'text',
        extra: html` class="short" inputmode="numeric" spellcheck="false"${autocompleteOf(question)}`,
      }),
    ),
};
