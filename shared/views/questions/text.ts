/** `text`: a one-line input; phone and web addresses get their own input type. */
import type { TextQuestion } from '../../core/definition.ts';
import { autocompleteOf, fieldShell, hintOf, inputControl } from '../components/field.ts';
import { flag, html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

export const text: QuestionView<TextQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(question, path, context, hintOf(question, [], context.lang), (parts) =>
      inputControl(question, parts, context.lang, {
        type: question.autocomplete === 'tel' ? 'tel' : question.autocomplete === 'url' ? 'url' : 'text',
        extra: html` maxlength="${question.maxLength}"${flag('class="short"', question.maxLength <= 12)}${autocompleteOf(question)}`,
      }),
    ),
};
