/**
 * What the evaluation report is computed from: plain data, read by an adapter (or written by
 * hand in a test), so that the report model is a pure function of it.
 */
import type { Survey } from '../definition.ts';
import type { Answers } from '../validation.ts';

/** A registered competence centre. */
export type ReportCentre = {
  slug: string;
  name: string;
  /** The region's slug. */
  region: string;
  /** YYYY-MM-DD: answers from before this day are the centre's baseline. */
  approvedOn: string;
  /** The application its approval decided, when it came through `centre-application`. */
  applicationId?: string;
};

export type ReportRegion = {
  slug: string;
  name: string;
  /** A county stored before the Teknikcollege regions: reported apart. */
  legacy: boolean;
};

/** A stored answer without personal data. */
export type ReportResponse = {
  surveyId: string;
  responseId: string;
  /** ISO 8601 instant. */
  submittedAt: string;
  /** `YYYY-VT` / `YYYY-HT`; derived from `submittedAt` when the answer has none. */
  wave?: string;
  /** The centre's slug; absent: "utan centrum". */
  centre?: string;
  region?: string;
  imported?: boolean;
  answers: Answers;
};

/** One person invited to an invite survey in a wave. */
export type ReportInvitation = {
  surveyId: string;
  centre?: string;
  region?: string;
  wave?: string;
  /** ISO 8601 instants. */
  invitedAt: string;
  answeredAt?: string;
};

/** An application to be certified and the review committee's decision on it. */
export type ReportApplication = {
  responseId: string;
  /** ISO 8601 instants. */
  submittedAt: string;
  decidedAt?: string;
  status: string;
  centre?: string;
  /** The review committee's judgement per criterion id, 1–5. */
  criteria?: Record<string, number>;
  /** Hours the review took. */
  reviewHours?: number;
};

export type ReportSource = {
  /** Local dates (Europe/Stockholm), both inclusive. */
  period: { from: string; to: string };
  /** ISO 8601 instant. */
  generatedAt: string;
  surveys: readonly Survey[];
  criteria: readonly { id: string; name: string }[];
  regions: readonly ReportRegion[];
  centres: readonly ReportCentre[];
  responses: readonly ReportResponse[];
  invitations: readonly ReportInvitation[];
  applications: readonly ReportApplication[];
};

/** What `--centre` and `--region` narrow the report to (a centre slug; a region slug or name). */
export type ReportFilter = { centre?: string; region?: string };
