/**
 * What every question type is made of in the views: the contract `QuestionView` each type module
 * fulfils (form control, hint, error targets, the receipt's copy line, the digest's chart) and
 * the behaviour most types share.
 */
import type { Lang, Question, Scale } from '../../core/definition.ts';
import type { QuestionFigures } from '../../core/digest.ts';
import type { Context } from '../components/field.ts';
import type { Html } from '../html.ts';
import type { Bar, Chart } from '../mail/digest/model.ts';

/** One answer made readable: a value, or parts (matrix rows, group items and their fields). */
export type AnswerCopy = { label: string; value?: string; parts?: AnswerCopy[] };

export type QuestionView<Q extends Question> = {
  /** The question's form control(s) at `path` (its id, or `[group, index, field]` inside a group). */
  control(question: Q, path: (string | number)[], context: Context): Html;
  /** What the hint under the label adds to the question's own help text. */
  hints(question: Q, lang: Lang): string[];
  /** The field an error-summary link jumps to; `rest` is the path after the question id. */
  target(question: Q, rest: (string | number)[]): string;
  /** The field under which the message shows. */
  errorPlace(question: Q, rest: (string | number)[]): string;
  /** The field to focus when the form comes back after "add another" (groups only). */
  addedField(question: Q, context: Pick<Context, 'answers' | 'extra'>): string | undefined;
  /** The answer as the receipt's copy shows it. */
  copy(question: Q, value: unknown, lang: Lang): AnswerCopy;
  /** The digest's chart, or `null` for types the digest only counts (text, dates, groups). */
  chart: ((question: Q, figures: QuestionFigures) => Chart | undefined) | null;
};

/** Defaults a type module spreads and overrides. */
export const plainView = {
  hints: (): string[] => [],
  target: (question: Question) => question.id,
  errorPlace: (question: Question) => question.id,
  addedField: () => undefined,
  copy: (question: Question, value: unknown, lang: Lang): AnswerCopy => ({
    label: question.label[lang],
    value: String(value),
  }),
  chart: null,
};

export const yesNo = { yes: { sv: 'Ja', en: 'Yes' }, no: { sv: 'Nej', en: 'No' } } as const;

export function scaleValue(scale: Scale, value: unknown, lang: Lang): string {
  const label = scale.labels[String(value)]?.[lang];
  return label ? `${String(value)} – ${label}` : String(value);
}

/** The digest's bars of a distribution, labelled; long option lists show only what was chosen. */
export function barsChart(labels: Record<string, string>, figures: QuestionFigures): Chart | undefined {
  const total = figures.total;
  if (!total.distribution) return undefined;
  const distribution = total.distribution as Record<string, number>;
  const week = (figures.period.distribution ?? {}) as Record<string, number>;
  const bars = Object.entries(distribution).map(([value, count]): Bar => ({
    label: labels[value] ?? value,
    value,
    count,
    share: count / total.n,
    week: week[value] ?? 0,
  }));
  // Long option lists (industries) show only what was chosen, so the email stays short.
  return { kind: 'bars', bars: bars.length > 6 ? bars.filter((bar) => bar.count > 0) : bars };
}
