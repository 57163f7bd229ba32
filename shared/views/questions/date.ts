/** `date`: a date input bounded by the question's `min`/`max`. */
import type { DateQuestion } from '../../core/definition.ts';
import { fieldShell, hintOf, inputControl } from '../components/field.ts';
import { html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

export const date: QuestionView<DateQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(question, path, context, hintOf(question, [], context.lang), (parts) =>
      inputControl(question, parts, context.lang, {
        type: 'date',
        extra: html` class="short"${question.min ? html` min="${question.min}"` : ''}${question.max ? html` max="${question.max}"` : ''}`,
      }),
    ),
};
