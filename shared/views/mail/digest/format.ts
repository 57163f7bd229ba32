/** The digest's words and number formats, shared by its HTML, text and CSV parts. */
import type { DigestContext } from '../../../core/digest-run.ts';
import type { ApplicationStatus, Digest } from '../../../core/digest.ts';

export type EmailContext = DigestContext;

/** Gmail clips a message whose HTML is larger than this. */
export const HTML_LIMIT_BYTES = 102 * 1024;
export const COMMENT_LENGTH = 280;

export const shortNames: Record<string, string> = {
  'centre-application': 'Ansökningar',
  'company-value': 'Företagsenkäten',
  'steering-group': 'Styrgruppsenkäten',
  'centre-followup': 'Centrumenkäten',
};

export const statusNames: Record<ApplicationStatus, string> = {
  submitted: 'Inkomna, ej granskade',
  'in-review': 'Under granskning',
  'changes-requested': 'Komplettering begärd',
  approved: 'Godkända',
  rejected: 'Avslagna',
};

/** Numbers, formatted once for the HTML and the text part alike. */
const integerFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const changeFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

export const format = {
  count: (value: number) => integerFormat.format(value),
  mean: (value: number) => decimalFormat.format(value),
  nps: (value: number) => integerFormat.format(value),
  change: (value: number) => {
    const rounded = Math.round(value * 100) / 100;
    return rounded === 0 ? '±0' : changeFormat.format(rounded);
  },
  percent: (value: number) => percentFormat.format(value),
};

export function weekNumber(weekId: string): number {
  return Number(weekId.slice(6));
}

export function subjectOf(digest: Digest): string {
  const { id, from, to } = digest.period;
  return `Pilotens veckorapport v. ${weekNumber(id)} (${from} – ${to})`;
}
