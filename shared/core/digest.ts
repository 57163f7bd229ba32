/**
 * The digest model: what `skc digest --json` prints and what the email shows, built from the
 * aggregate counter buckets only (never from responses), so its cost is O(questions × weeks).
 * Pure: the store reads the buckets (shared/adapters/store/digest.ts), this turns them into figures.
 *
 * The contract's shape, plus additions the email needs: per survey `responses.previous`,
 * per question `previous` (the week before), `regions` (Teknikcollege compiles provider → region
 * → nation) and `counties` (counters stored under a county before the Teknikcollege regions,
 * reported apart as "län (före regionerna)"); `change` against the week before, only where both
 * weeks have at least MIN_ANSWERS_FOR_CHANGE answers (on fewer, a week-on-week change is noise);
 * and `centres`, the pilot-to-date figures per centre from the per-centre counters.
 */
import { statsOf, sumCounters, type Counters, type Stats, RESPONSES } from './aggregate.ts';
import { daysBetween, period as periodOf, previousWeek, weekOfDate, type Period } from './calendar.ts';
import { questionsOf, type QuestionType, type Survey } from './definition.ts';
import { pilot } from '../../surveys/pilot.ts';
import { compareRegionValues, isCounty } from '../../surveys/regions.ts';

export const applicationStatuses = [
  'submitted',
  'in-review',
  'changes-requested',
  'approved',
  'rejected',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** One counter item: a survey's week, for the whole nation or for one region. */
export type Bucket = { week: string; region?: string; counters: Counters };

type SurveyCounters = {
  survey: Survey;
  buckets: Bucket[];
  /** The `INVITES` item: `invited`, `answered`, `invited@<region>`, `answered@<region>`. */
  invites: Counters;
  /** Per centre slug, its counters since the pilot began: `responses`, `invited`, `answered`. */
  centres?: Record<string, Counters>;
};

/** A registered centre, as the digest names it. */
export type DigestCentre = { slug: string; name: string; region: string };

export type DigestSource = {
  /** The ISO week id, e.g. `2026-W47`. */
  period: string;
  /** The local date the "pilot so far" totals start from (config `SKC_PILOT_START`); default `pilot.start`. */
  pilotStart?: string;
  surveys: SurveyCounters[];
  /** The registered centres; absent when the store has none to give. */
  centres?: DigestCentre[];
  /** The `STATUS` counters of surveys whose responses are applications. */
  statuses: Counters;
};

type PeriodRef = { id: string; from: string; to: string };

/** Fewer answers than this in either week, and no change against the week before is shown. */
export const MIN_ANSWERS_FOR_CHANGE = 10;

export type Change = { mean?: number; nps?: number };

export type QuestionFigures = {
  id: string;
  type: QuestionType;
  total: Stats;
  period: Stats;
  previous: Stats;
  /** This week minus the week before; absent unless both weeks have MIN_ANSWERS_FOR_CHANGE answers. */
  change?: Change;
};

export type RegionFigures = {
  id: string;
  responses: { period: number; total: number };
  invited: number;
  responseRate: number | null;
};

export type SurveyDigest = {
  id: string;
  /** `change`: period minus previous, present only where both are at least MIN_ANSWERS_FOR_CHANGE. */
  responses: { period: number; total: number; previous: number; change?: number };
  invited: number;
  /** answered / invited, 0–1; null when nobody was invited. */
  responseRate: number | null;
  questions: QuestionFigures[];
  /** Teknikcollege regions in list order, then any other stored value. */
  regions: RegionFigures[];
  /** Legacy county values ("län (före regionerna)"), kept apart from the regions. */
  counties: RegionFigures[];
};

export type CentreSurveyFigures = {
  id: string;
  responses: number;
  invited: number;
  answered: number;
  /** answered / invited, 0–1; null when nobody of the centre was invited. */
  responseRate: number | null;
};

/** One centre's figures since the pilot began: the pilot-to-date part of the digest. */
export type CentreFigures = DigestCentre & {
  /** Answers of every survey tied to the centre. */
  responses: number;
  surveys: CentreSurveyFigures[];
};

export type Digest = {
  period: PeriodRef;
  previousPeriod: PeriodRef;
  pilot: { start: string; end: string; daysLeft: number };
  surveys: SurveyDigest[];
  applications: { byStatus: Record<ApplicationStatus, number> };
  /** Per registered centre, pilot to date, in name order; `withoutCentre` counts the other answers. */
  centres: { list: CentreFigures[]; withoutCentre: number };
};

function periodRef(weekId: string): PeriodRef {
  const { id, from, to } = periodOf(weekId);
  return { id, from, to };
}

/** The weeks whose buckets a digest of `weekId` needs: the pilot's start (or the week before) to `weekId`. */
export function weeksNeeded(weekId: string, pilotStart: string = pilot.start): { from: string; to: string } {
  const previous = previousWeek(weekId);
  const startWeek = weekOfDate(pilotStart);
  return { from: previous < startWeek ? previous : startWeek, to: weekId };
}

export function buildDigest(source: DigestSource): Digest {
  const current: Period = periodOf(source.period);
  const previous = previousWeek(source.period);
  const pilotStart = source.pilotStart ?? pilot.start;
  const startWeek = weekOfDate(pilotStart);
  const surveys = source.surveys.map((entry) => surveyDigest(entry, source.period, previous, startWeek));
  return {
    period: periodRef(source.period),
    previousPeriod: periodRef(previous),
    pilot: {
      start: pilotStart,
      end: pilot.end,
      daysLeft: Math.max(0, daysBetween(current.to, pilot.end)),
    },
    surveys,
    applications: {
      byStatus: Object.fromEntries(
        applicationStatuses.map((status) => [status, source.statuses[status] ?? 0]),
      ) as Record<ApplicationStatus, number>,
    },
    centres: centreFigures(
      source,
      surveys.reduce((sum, survey) => sum + survey.responses.total, 0),
    ),
  };
}

/** Both weeks have enough answers for their difference to mean something. */
function comparable(period: number, previous: number): boolean {
  return period >= MIN_ANSWERS_FOR_CHANGE && previous >= MIN_ANSWERS_FOR_CHANGE;
}

const roundChange = (value: number) => Math.round(value * 100) / 100;

function changeOf(period: Stats, previous: Stats): Change | undefined {
  if (!comparable(period.n, previous.n)) return undefined;
  const change: Change = {};
  if (period.mean !== undefined && previous.mean !== undefined)
    change.mean = roundChange(period.mean - previous.mean);
  if (period.nps !== undefined && previous.nps !== undefined) change.nps = period.nps - previous.nps;
  return Object.keys(change).length > 0 ? change : undefined;
}

/**
 * The per-centre counters run from each centre's first answer to now (not to the period's end), so
 * a digest of an earlier week shows the centres as they stand today; `withoutCentre` is the pilot's
 * answers so far less those counted for a centre.
 */
function centreFigures(source: DigestSource, allResponses: number): Digest['centres'] {
  const list = [...(source.centres ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((centre): CentreFigures => {
      const surveys = source.surveys.map((entry): CentreSurveyFigures => {
        const counters = entry.centres?.[centre.slug] ?? {};
        const invited = counters.invited ?? 0;
        const answered = counters.answered ?? 0;
        return {
          id: entry.survey.id,
          responses: counters[RESPONSES] ?? 0,
          invited,
          answered,
          responseRate: rate(answered, invited),
        };
      });
      return { ...centre, responses: surveys.reduce((sum, survey) => sum + survey.responses, 0), surveys };
    });
  const inCentres = source.surveys
    .flatMap((entry) => Object.values(entry.centres ?? {}))
    .reduce((sum, counters) => sum + (counters[RESPONSES] ?? 0), 0);
  return { list, withoutCentre: Math.max(0, allResponses - inCentres) };
}

function surveyDigest(
  entry: SurveyCounters,
  week: string,
  previous: string,
  startWeek: string,
): SurveyDigest {
  const inTotal = (bucket: Bucket) => bucket.week >= startWeek && bucket.week <= week;
  const nation = entry.buckets.filter((bucket) => bucket.region === undefined);
  const sum = (buckets: Bucket[]) => sumCounters(buckets.map((bucket) => bucket.counters));
  const total = sum(nation.filter(inTotal));
  const current = sum(nation.filter((bucket) => bucket.week === week));
  const before = sum(nation.filter((bucket) => bucket.week === previous));
  const invited = entry.invites.invited ?? 0;
  const responses = {
    period: current[RESPONSES] ?? 0,
    total: total[RESPONSES] ?? 0,
    previous: before[RESPONSES] ?? 0,
  };
  return {
    id: entry.survey.id,
    responses: comparable(responses.period, responses.previous)
      ? { ...responses, change: responses.period - responses.previous }
      : responses,
    invited,
    responseRate: rate(entry.invites.answered ?? 0, invited),
    questions: questionsOf(entry.survey)
      .map((question) => ({
        id: question.id,
        type: question.type,
        total: statsOf(question, total),
        period: statsOf(question, current),
        previous: statsOf(question, before),
      }))
      .map((figures) => {
        const change = changeOf(figures.period, figures.previous);
        return change ? { ...figures, change } : figures;
      }),
    ...regionFigures(entry, week, inTotal),
  };
}

function regionFigures(
  entry: SurveyCounters,
  week: string,
  inTotal: (bucket: Bucket) => boolean,
): { regions: RegionFigures[]; counties: RegionFigures[] } {
  const ids = new Set<string>();
  for (const bucket of entry.buckets)
    if (bucket.region !== undefined && inTotal(bucket)) ids.add(bucket.region);
  for (const name of Object.keys(entry.invites))
    if (name.startsWith('invited@')) ids.add(name.slice('invited@'.length));
  const figures = [...ids].sort(compareRegionValues).map((id): RegionFigures => {
    const mine = entry.buckets.filter((bucket) => bucket.region === id);
    const count = (buckets: Bucket[]) =>
      buckets.reduce((sum, bucket) => sum + (bucket.counters[RESPONSES] ?? 0), 0);
    const invited = entry.invites[`invited@${id}`] ?? 0;
    return {
      id,
      responses: {
        period: count(mine.filter((bucket) => bucket.week === week)),
        total: count(mine.filter(inTotal)),
      },
      invited,
      responseRate: rate(entry.invites[`answered@${id}`] ?? 0, invited),
    };
  });
  return {
    regions: figures.filter((figure) => !isCounty(figure.id)),
    counties: figures.filter((figure) => isCounty(figure.id)),
  };
}

function rate(answered: number, invited: number): number | null {
  if (invited <= 0) return null;
  return Math.round((answered / invited) * 10_000) / 10_000;
}

/** Applications waiting on the review committee (not on the applicant, not decided). */
export function awaitingReview(digest: Digest): number {
  return digest.applications.byStatus.submitted + digest.applications.byStatus['in-review'];
}

/** The mean of a matrix row, from its distribution (Σ value × count / n). */
export function distributionMean(distribution: Record<string, number>): { n: number; mean?: number } {
  let n = 0;
  let sum = 0;
  for (const [value, count] of Object.entries(distribution)) {
    n += count;
    sum += Number(value) * count;
  }
  return n > 0 ? { n, mean: Math.round((sum / n) * 100) / 100 } : { n };
}
