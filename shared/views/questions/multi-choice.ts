/** `multiChoice`: checkboxes; the receipt lists the chosen labels; bars in the digest. */
import type { MultiChoiceQuestion } from '../../core/definition.ts';
import { choiceField } from '../components/field.ts';
import { barsChart, plainView, type QuestionView } from './kit.ts';
import { optionLabel } from './single-choice.ts';

export const multiChoice: QuestionView<MultiChoiceQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    choiceField(question, path, context, {
      type: 'checkbox',
      options: question.options.map((o) => ({ value: o.value, label: o.label[context.lang] })),
    }),
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: (Array.isArray(value) ? value : [value])
      .map((item) => optionLabel(question, item, lang))
      .join(', '),
  }),
  chart: (question, figures) =>
    barsChart(Object.fromEntries(question.options.map((option) => [option.value, option.label.sv])), figures),
};
