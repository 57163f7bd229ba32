/**
 * Applications as tracked cases: the statuses of the contract, which moves between them are
 * allowed (approved and rejected are final), and the words an applicant and an administrator see.
 */
import { criteria as teknikcollegeCriteria } from '../../surveys/criteria.ts';
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
  /** The review committee's judgement per criterion (criterion id → 1–5), when given. */
  criteria?: Judgement;
  /** Hours the committee spent on this review step, when given. */
  hours?: number;
  /** The centre an approval registered or linked (its slug). */
  centre?: string;
};

/** A rating per criterion on the 1–5 scale the surveys' criteria questions use. */
export type Judgement = Record<string, number>;

const JUDGEMENT_SCALE = { min: 1, max: 5 } as const;
/** More than a working year on one review step is a typo, not a figure. */
const MAX_REVIEW_HOURS = 2_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads `--criteria id=value,…`: each id one of Teknikcollege's criteria, at most once, each value
 * a whole number on the 1–5 scale. Criteria left out were not judged. Every problem in one line.
 */
export function parseJudgement(
  text: string,
  known: readonly string[] = teknikcollegeCriteria.map((criterion) => criterion.id),
): Parsed<Judgement> {
  const judgement: Judgement = {};
  const problems: string[] = [];
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: '--criteria is empty; give id=value,…' };
  for (const part of parts) {
    const match = /^([^=\s]+)\s*=\s*(\S*)$/.exec(part);
    if (!match) {
      problems.push(`${JSON.stringify(part.slice(0, 60))} is not id=value`);
      continue;
    }
    const [, id, raw] = match as unknown as [string, string, string];
    const value = Number(raw);
    if (!known.includes(id)) problems.push(`unknown criterion ${JSON.stringify(id.slice(0, 60))}`);
    else if (id in judgement) problems.push(`${id} is given twice`);
    else if (!/^\d+$/.test(raw) || value < JUDGEMENT_SCALE.min || value > JUDGEMENT_SCALE.max)
      problems.push(`${id}=${raw.slice(0, 20)} is not a whole number from 1 to 5`);
    else judgement[id] = value;
  }
  if (problems.some((problem) => problem.startsWith('unknown criterion')))
    problems.push(`the criteria are ${known.join(', ')}`);
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, value: judgement };
}

/** Reads `--hours N`: a positive number of hours, a decimal comma allowed ("2,5"). */
export function parseHours(text: string): Parsed<number> {
  const raw = text.trim().replace(',', '.');
  const hours = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(hours > 0) || hours > MAX_REVIEW_HOURS)
    return {
      ok: false,
      message: `--hours ${JSON.stringify(text.slice(0, 20))} is not a number of hours above 0 (at most ${MAX_REVIEW_HOURS})`,
    };
  return { ok: true, value: Math.round(hours * 100) / 100 };
}

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
