/** `singleChoice`: radios, or a select when there are more than eight options; bars in the digest. */
import type { Lang, SingleChoiceQuestion } from '../../core/definition.ts';
import { choices, fieldShell, fieldWords, hintOf, label } from '../components/field.ts';
import { flag, html } from '../html.ts';
import { barsChart, plainView, type QuestionView } from './kit.ts';

export function optionLabel(
  question: { options: SingleChoiceQuestion['options'] },
  value: unknown,
  lang: Lang,
) {
  return question.options.find((option) => option.value === value)?.label[lang] ?? String(value);
}

export const singleChoice: QuestionView<SingleChoiceQuestion> = {
  ...plainView,
  control: (question, path, context) => {
    const { lang } = context;
    return fieldShell(
      question,
      path,
      context,
      hintOf(question, [], lang),
      ({ id, described: d, aria, errors, value, wrap }) =>
        question.options.length > 8
          ? wrap(
              html`<label for="${id}">${label(question.label, question, lang)}</label>${d.hint}${d.error}
                <select id="${id}" name="${id}" ${flag('required', question.required)}${aria}>
                  <option value="">${fieldWords.choose[lang]}</option>
                  ${question.options.map((option) => html`<option value="${option.value}" ${flag('selected', value === option.value)}>${option.label[lang]}</option>`)}
                </select>`,
            )
          : choices(
              question,
              id,
              d,
              aria,
              errors,
              'radio',
              question.options.map((o) => ({ value: o.value, label: o.label[lang] })),
              [value],
              context,
            ),
    );
  },
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: optionLabel(question, value, lang),
  }),
  chart: (question, figures) =>
    barsChart(Object.fromEntries(question.options.map((option) => [option.value, option.label.sv])), figures),
};
