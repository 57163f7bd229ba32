/** `nps`: a row of radios 0–10 with the standard hint; promoters, passives and detractors in the digest. */
import type { NpsQuestion } from '../../core/definition.ts';
import { choiceField, scaleOptions } from '../components/field.ts';
import { plainView, type QuestionView } from './kit.ts';

const npsHint = {
  sv: '0 betyder inte alls troligt, 10 betyder mycket troligt.',
  en: '0 means not at all likely, 10 means extremely likely.',
};

export const nps: QuestionView<NpsQuestion> = {
  ...plainView,
  hints: (question, lang) => (question.help ? [] : [npsHint[lang]]),
  control: (question, path, context) =>
    choiceField(question, path, context, {
      type: 'radio',
      options: scaleOptions(0, 10, () => undefined),
      hints: nps.hints(question, context.lang),
      layout: 'scale',
    }),
  chart: (_question, figures) => {
    const total = figures.total;
    const distribution = (total.distribution ?? {}) as Record<string, number>;
    const count = (from: number, to: number) =>
      Object.entries(distribution).reduce(
        (sum, [value, n]) => (Number(value) >= from && Number(value) <= to ? sum + n : sum),
        0,
      );
    return {
      kind: 'nps',
      promoters: count(9, 10),
      passives: count(7, 8),
      detractors: count(0, 6),
      n: total.n,
    };
  },
};
