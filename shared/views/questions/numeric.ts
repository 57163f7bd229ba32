/**
 * `integer` and `number`: a short text input (a number input would round and reject commas) with
 * the range in the hint; the receipt adds the unit. One factory, registered once per type.
 */
import type { NumericQuestion } from '../../core/definition.ts';
import { autocompleteOf, fieldShell, hintOf, inputControl } from '../components/field.ts';
import { html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

const range = {
  sv: (a: number, b: number) => `Från ${a} till ${b}.`,
  en: (a: number, b: number) => `From ${a} to ${b}.`,
};

function numericView(inputmode: 'numeric' | 'decimal'): QuestionView<NumericQuestion> {
  const view: QuestionView<NumericQuestion> = {
    ...plainView,
    hints: (question, lang) => [
      range[lang](question.min, question.max) + (question.unit ? ` (${question.unit[lang]})` : ''),
    ],
    control: (question, path, context) =>
      fieldShell(
        question,
        path,
        context,
        hintOf(question, view.hints(question, context.lang), context.lang),
        (parts) =>
          inputControl(question, parts, context.lang, {
            type: 'text',
            extra: html` class="short" inputmode="${inputmode}"${autocompleteOf(question)}`,
          }),
      ),
    copy: (question, value, lang) => ({
      label: question.label[lang],
      value: question.unit ? `${String(value)} ${question.unit[lang]}` : String(value),
    }),
    // Charted for its mean, which the summary line shows; no bars.
    chart: () => undefined,
  };
  return view;
}

export const integer = numericView('numeric');
export const number = numericView('decimal');
