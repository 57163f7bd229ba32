/** `multiChoice`: checkboxes; the receipt lists the chosen labels; bars in the digest. */
import type { MultiChoiceQuestion } from '../../core/definition.ts';
import { choices, fieldShell, hintOf } from '../components/field.ts';
import { barsChart, plainView, type QuestionView } from './kit.ts';
import { optionLabel } from './single-choice.ts';

export const multiChoice: QuestionView<MultiChoiceQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(
      question,
      path,
      context,
      hintOf(question, [], context.lang),
      ({ id, described, aria, errors, value }) =>
        choices(
          question,
          id,
          described,
          aria,
          errors,
          'checkbox',
          question.options.map((o) => ({ value: o.value, label: o.label[context.lang] })),
          Array.isArray(value) ? value : [value],
          context,
        ),
    ),
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: (Array.isArray(value) ? value : [value])
      .map((item) => optionLabel(question, item, lang))
      .join(', '),
  }),
  chart: (question, figures) =>
    barsChart(Object.fromEntries(question.options.map((option) => [option.value, option.label.sv])), figures),
};
