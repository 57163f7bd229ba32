/**
 * Applications as tracked cases: the statuses of the contract, which moves between them are
 * allowed (approved and rejected are final), and the words an applicant and an administrator see.
 */
import type { Text } from './definition.ts';

export const statuses = ['submitted', 'in-review', 'changes-requested', 'approved', 'rejected'] as const;
export type Status = (typeof statuses)[number];

/** What a reviewer can decide: every status but the one an application starts in. */
export const decisions = ['in-review', 'changes-requested', 'approved', 'rejected'] as const;
export type Decision = (typeof decisions)[number];

const transitions: Record<Status, readonly Decision[]> = {
  submitted: ['in-review', 'changes-requested', 'approved', 'rejected'],
  'in-review': ['changes-requested', 'approved', 'rejected'],
  'changes-requested': ['in-review', 'approved', 'rejected'],
  approved: [],
  rejected: [],
};

export const statusText: Record<Status, Text> = {
  submitted: { sv: 'Inskickad', en: 'Submitted' },
  'in-review': { sv: 'Under granskning', en: 'In review' },
  'changes-requested': { sv: 'Komplettering begärd', en: 'Changes requested' },
  approved: { sv: 'Godkänd', en: 'Approved' },
  rejected: { sv: 'Avslagen', en: 'Rejected' },
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (statuses as readonly string[]).includes(value);
}

export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (decisions as readonly string[]).includes(value);
}

export function isFinal(status: Status): boolean {
  return transitions[status].length === 0;
}

export function allowedDecisions(from: Status): readonly Decision[] {
  return transitions[from];
}

/** Why `from` → `to` is not allowed, in Swedish and English; undefined when it is allowed. */
export function transitionProblem(from: Status, to: Decision): Text | undefined {
  if (transitions[from].includes(to)) return undefined;
  if (isFinal(from))
    return {
      sv: `Ansökan är redan ${statusText[from].sv.toLowerCase()}; det beslutet är slutligt och kan inte ändras.`,
      en: `The application is already ${statusText[from].en.toLowerCase()}; that decision is final and cannot be changed.`,
    };
  if (from === to)
    return {
      sv: `Ansökan har redan statusen ${statusText[from].sv.toLowerCase()}.`,
      en: `The application already has the status ${statusText[from].en.toLowerCase()}.`,
    };
  const allowed = transitions[from].join(', ');
  return {
    sv: `En ansökan med statusen ${statusText[from].sv.toLowerCase()} kan inte bli ${statusText[to].sv.toLowerCase()}. Tillåtet: ${allowed}.`,
    en: `An application with the status ${statusText[from].en.toLowerCase()} cannot become ${statusText[to].en.toLowerCase()}. Allowed: ${allowed}.`,
  };
}

export type Application = {
  responseId: string;
  surveyId: string;
  /** The centre's name: the survey's `review.titleQuestion` answer. */
  title: string;
  region?: string;
  status: Status;
  submittedAt: string;
  statusSince: string;
  /** How many decisions have been recorded; numbers the decision emails. */
  decisionCount: number;
};

export type HistoryEntry = {
  at: string;
  by: string;
  from: Status;
  to: Decision;
  note: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days an application has had its status (0 on the day it changed). */
export function daysInStatus(application: Pick<Application, 'statusSince'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(application.statusSince)) / DAY_MS));
}

/**
 * Links a resubmission to the application it follows: an application from the same organisation
 * (by organisation number) submitted after an earlier one whose status was changes-requested
 * when it came in, i.e. still is or was decided after it. The newest earlier one wins.
 */
export function resubmissionsOf(
  applications: readonly (Pick<Application, 'responseId' | 'submittedAt' | 'status'> & {
    organisation?: string;
    /** When the application first had changes requested, if ever. */
    changesRequestedAt?: string;
  })[],
): Map<string, string> {
  const links = new Map<string, string>();
  const sorted = [...applications].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  for (const [index, application] of sorted.entries()) {
    if (!application.organisation) continue;
    for (const earlier of sorted.slice(0, index).reverse()) {
      if (earlier.organisation !== application.organisation || !earlier.changesRequestedAt) continue;
      if (earlier.changesRequestedAt <= application.submittedAt) {
        links.set(application.responseId, earlier.responseId);
        break;
      }
    }
  }
  return links;
}
