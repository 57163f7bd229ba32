/** `likert`: a labelled scale of radios; bars of each value in the digest. */
import type { LikertQuestion } from '../../core/definition.ts';
import { choiceField, scaleOptions } from '../components/field.ts';
import { barsChart, plainView, scaleValue, type QuestionView } from './kit.ts';

export const likert: QuestionView<LikertQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    choiceField(question, path, context, {
      type: 'radio',
      options: scaleOptions(
        question.scale.min,
        question.scale.max,
        (v) => question.scale.labels[v]?.[context.lang],
      ),
      layout: 'scale labelled',
    }),
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: scaleValue(question.scale, value, lang),
  }),
  chart: (question, figures) =>
    barsChart(
      Object.fromEntries(
        Object.entries(question.scale.labels).map(([value, label]) => [value, `${value} – ${label.sv}`]),
      ),
      figures,
    ),
};
