/** `boolean`: yes/no radios; bars in the digest. */
import type { BooleanQuestion } from '../../core/definition.ts';
import { choiceField, fieldWords } from '../components/field.ts';
import { barsChart, plainView, yesNo, type QuestionView } from './kit.ts';

export const boolean: QuestionView<BooleanQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    choiceField(question, path, context, {
      type: 'radio',
      options: [
        { value: 'true', label: fieldWords.yes[context.lang] },
        { value: 'false', label: fieldWords.no[context.lang] },
      ],
      layout: 'scale',
    }),
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: value === true ? yesNo.yes[lang] : yesNo.no[lang],
  }),
  chart: (_question, figures) => barsChart({ true: 'Ja', false: 'Nej' }, figures),
};
