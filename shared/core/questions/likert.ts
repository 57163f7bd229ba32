/** `likert`: an integer on a labelled scale; the digest shows the mean and each value's count. */
import type { LikertQuestion } from '../definition.ts';
import { meanFigure } from '../report/statistics.ts';
import { numberIn, scale, type QuestionModel, type QuestionSchema } from './kit.ts';

export const likert: QuestionModel<LikertQuestion> = {
  ...scale((question) => question.scale),
  valueMeasure: {
    kind: 'likert',
    range: ({ scale }) => ({ min: scale.min, max: scale.max }),
    figure: (question, distribution, imported) => meanFigure(distribution, question.scale, imported),
  },
};

export const likertSchema: QuestionSchema<LikertQuestion> = (question) =>
  numberIn(question.scale.min, question.scale.max, true);
