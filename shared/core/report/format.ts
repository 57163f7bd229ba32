/**
 * The evaluation report's shape: what `buildReport` (model.ts) returns and `skc report --format
 * json` prints, and what the HTML and CSV views render.
 */
import type { RespondentGroup } from './measures.ts';
import type { ReportFilter } from './source.ts';
import type { Figure, Total } from './statistics.ts';

export type ValueRow = {
  group: RespondentGroup;
  surveyId: string;
  questionId: string;
  label: string;
  type: 'likert' | 'nps';
  /** The range a figure can take: the Likert scale, or −100…100 for an NPS. */
  scale: { min: number; max: number };
  /** Answers from before the centre's approval. */
  baseline: Figure;
  /** Answers from the approval on (and every answer without a centre). */
  pilot: Figure;
  /** The pilot's answers by wave, oldest first: the trend. */
  waves: { wave: string; figure: Figure }[];
};

export type RateRow = {
  surveyId: string;
  wave: string;
  invited: number;
  answered: number;
  /** answered / invited, 0–1. */
  rate: number;
};

export type Judgement = { n: number; mean: number | null };

export type QualityRow = {
  criterionId: string;
  name: string;
  selfAssessment: Judgement;
  steeringGroup: Judgement;
  committee: Judgement;
};

export type Reach = {
  /** Centres whose latest follow-up in the period gave the counts. */
  centres: number;
  underOneWeek: number | null;
  oneTo39Weeks: number | null;
  fortyWeeksOrMore: number | null;
  /** Certified now but excluded by the 40-week rule: under a week plus 1–39 weeks. */
  excludedBefore: number | null;
};

export type Burden = {
  applicationHours: Total;
  reviewHours: Total;
  /** Every follow-up's hours in the period (each counts since the one before). */
  qualityAssuranceHours: Total;
};

export type Process = {
  daysToDecision: Total;
  /** Per centre: the application's and the decision's dates. */
  application?: { submittedOn: string; decidedOn?: string };
};

export type ScopeKind = 'national' | 'region' | 'centre' | 'without-centre';

export type ScopeReport = {
  kind: ScopeKind;
  id: string;
  name: string;
  region?: { slug: string; name: string; legacy: boolean };
  approvedOn?: string;
  centres: number;
  /** Answers to the value surveys in the period, and how many of them were imported. */
  answers: number;
  imported: number;
  rates: RateRow[];
  value: ValueRow[];
  reach: Reach;
  burden: Burden;
  quality: QualityRow[];
  process: Process;
};

export type ReportModel = {
  period: { from: string; to: string };
  generatedAt: string;
  filter: ReportFilter;
  method: { minAnswers: number; confidence: 0.95; likert: string; nps: string; baseline: string };
  waves: string[];
  national: ScopeReport;
  /** Teknikcollege regions first, then county values from before the regions (`legacy`). */
  regions: ScopeReport[];
  centres: ScopeReport[];
  withoutCentre: ScopeReport | null;
};

/** Every scope of a report in reading order: the nation, its regions, its centres, the rest. */
export function scopesOf(model: ReportModel): ScopeReport[] {
  return [
    model.national,
    ...model.regions,
    ...model.centres,
    ...(model.withoutCentre ? [model.withoutCentre] : []),
  ];
}
