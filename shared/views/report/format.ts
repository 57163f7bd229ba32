/**
 * How the report writes its numbers and names in Swedish: decimal comma, a real minus sign,
 * "för få svar" where a figure is withheld, and the respondent groups' and surveys' names.
 */
import { respondentGroups } from '../../core/report/measures.ts';
import type { Figure } from '../../core/report/statistics.ts';
import type { Judgement } from '../../core/report/model.ts';

const decimals = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const upToOne = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

export const TOO_FEW = 'för få svar';
export const NONE = '–';

export type FigureKind = 'likert' | 'nps';

export function number(value: number, kind: FigureKind): string {
  return kind === 'nps' ? whole.format(value) : decimals.format(value);
}

export function amount(value: number | null): string {
  return value === null ? NONE : upToOne.format(value);
}

export function share(value: number): string {
  return percent.format(value);
}

/** "3,73" with "3,12–4,33" as its interval, or "för få svar". */
export function figureText(figure: Figure, kind: FigureKind): { value: string; interval: string } {
  if (figure.value === undefined) return { value: figure.n === 0 ? NONE : TOO_FEW, interval: '' };
  return {
    value: number(figure.value, kind),
    interval: `(${number(figure.low!, kind)} till ${number(figure.high!, kind)})`,
  };
}

export function judgementText(judgement: Judgement): string {
  if (judgement.mean === null) return NONE;
  return judgement.n > 1
    ? `${upToOne.format(judgement.mean)} (n\u00a0=\u00a0${judgement.n})`
    : upToOne.format(judgement.mean);
}

export function groupName(surveyId: string): string {
  return respondentGroups.find((group) => group.surveyId === surveyId)?.label.sv ?? surveyId;
}

const surveyNames: Record<string, string> = {
  'company-value': 'Företagens enkät',
  'steering-group': 'Styrgruppens enkät',
  'centre-followup': 'Centrumets uppföljning',
};

export function surveyName(surveyId: string): string {
  return surveyNames[surveyId] ?? surveyId;
}

/** `2024-HT` → "HT 2024" (hösttermin), as Swedish readers write a term. */
export function waveName(wave: string): string {
  const [year, term] = wave.split('-');
  return term ? `${term} ${year}` : wave;
}
