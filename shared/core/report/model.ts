/**
 * The evaluation report's model (also its JSON format): per centre, rolled up by region and for
 * the whole country, around the pilot's four questions — reach, burden, quality and value — with
 * response rates per wave and the trend by wave.
 *
 * Decisions a reader cannot see in the code:
 * - Answers from before a centre's approval date are its baseline ("före godkännande"), shown
 *   apart from the pilot's figures and never mixed into them: the pilot compares with before.
 * - Imported answers (earlier evidence) count in the value figures, and each figure says how
 *   many of its answers were imported; response rates come from invitations only, which imports
 *   never create.
 * - Answers with no registered centre are reported under "utan centrum"; a region roll-up takes
 *   the centre's region, or the answer's own where it has no centre. County values stored before
 *   the Teknikcollege regions are roll-ups of their own, marked `legacy`.
 * - Roll-ups of centre-level measures (reach, hours, self-assessment, the committee's judgement,
 *   days to decision) are over centres: a sum or a mean with n = centres that reported it. The
 *   steering group's judgement is pooled over its answers.
 */
import { compareWaves, localDate, waveOf } from '../calendar.ts';
import type { Survey } from '../definition.ts';
import { questionsOf } from '../definition.ts';
import { modelOf } from '../questions/index.ts';
import { followup, respondentGroups, steeringCriteria } from './measures.ts';
import type {
  ReportApplication,
  ReportCentre,
  ReportFilter,
  ReportInvitation,
  ReportRegion,
  ReportResponse,
  ReportSource,
} from './source.ts';
import { MIN_ANSWERS, totalOf, type Distribution } from './statistics.ts';
import type {
  ValueRow,
  RateRow,
  Judgement,
  QualityRow,
  ScopeKind,
  ScopeReport,
  ReportModel,
} from './format.ts';

export type { ValueRow, Judgement, Reach, ScopeReport, ReportModel } from './format.ts';

const method = {
  minAnswers: MIN_ANSWERS,
  confidence: 0.95,
  likert: 't-interval: medel ± t(0,975; n−1) · s/√n, begränsat till skalan',
  nps: 'normalapproximation: NPS ± 1,96 · 100 · √((p₉₋₁₀ + p₀₋₆ − (p₉₋₁₀ − p₀₋₆)²)/n)',
  baseline: 'svar före centrumets godkännandedatum redovisas för sig som baslinje',
} as const;

/** Why a filter cannot be met (an unknown centre or region), or undefined. */
export function filterProblem(source: ReportSource, filter: ReportFilter): string | undefined {
  if (filter.centre !== undefined && !source.centres.some((centre) => centre.slug === filter.centre)) {
    const known =
      source.centres
        .map((centre) => centre.slug)
        .sort()
        .join(', ') || 'none registered';
    return `unknown centre "${filter.centre}"; known: ${known}`;
  }
  if (filter.region !== undefined && !findRegion(source.regions, filter.region)) {
    const known = source.regions.filter((region) => !region.legacy).map((region) => region.name);
    return `unknown region "${filter.region}"; known: ${known.join(', ')}`;
  }
  return undefined;
}

function findRegion(regions: readonly ReportRegion[], wanted: string): ReportRegion | undefined {
  const folded = wanted.trim().toLocaleLowerCase('sv');
  return regions.find((region) => region.slug === folded || region.name.toLocaleLowerCase('sv') === folded);
}

/** A response placed in the report: its centre (if registered), region, wave and phase. */
type Placed = ReportResponse & {
  centreOf?: ReportCentre;
  regionOf?: string;
  waveOf: string;
  baseline: boolean;
};

export function buildReport(source: ReportSource, filter: ReportFilter = {}): ReportModel {
  const problem = filterProblem(source, filter);
  if (problem) throw new RangeError(problem);
  const region = filter.region === undefined ? undefined : findRegion(source.regions, filter.region)!;
  const centres = source.centres.filter(
    (centre) =>
      (filter.centre === undefined || centre.slug === filter.centre) &&
      (region === undefined || centre.region === region.slug),
  );
  const centreBySlug = new Map(source.centres.map((centre) => [centre.slug, centre]));
  const inPeriod = (instant: string) => {
    const date = localDate(new Date(instant));
    return date >= source.period.from && date <= source.period.to;
  };
  const inFilter = (centre: ReportCentre | undefined, regionSlug: string | undefined) =>
    (filter.centre === undefined || centre?.slug === filter.centre) &&
    (region === undefined || regionSlug === region.slug);

  const responses: Placed[] = [];
  for (const response of source.responses) {
    if (!inPeriod(response.submittedAt)) continue;
    const centre = response.centre ? centreBySlug.get(response.centre) : undefined;
    const regionOf = centre?.region ?? response.region;
    if (!inFilter(centre, regionOf)) continue;
    responses.push({
      ...response,
      ...(centre && { centreOf: centre }),
      ...(regionOf && { regionOf }),
      waveOf: response.wave ?? waveOf(new Date(response.submittedAt)),
      baseline: centre !== undefined && localDate(new Date(response.submittedAt)) < centre.approvedOn,
    });
  }
  const invitations = source.invitations.filter((invitation) => {
    if (!inPeriod(invitation.invitedAt)) return false;
    const centre = invitation.centre ? centreBySlug.get(invitation.centre) : undefined;
    return inFilter(centre, centre?.region ?? invitation.region);
  });

  const context: Context = { source, measures: new Map() };
  for (const centre of centres) context.measures.set(centre.slug, centreMeasures(source, centre, responses));

  const waves = [...new Set(responses.map((response) => response.waveOf))].sort(compareWaves);
  const national = scopeReport(context, {
    kind: 'national',
    id: 'national',
    name: 'Hela landet',
    centres,
    responses,
    invitations,
  });

  const regionSlugs = new Set<string>();
  for (const centre of centres) regionSlugs.add(centre.region);
  for (const response of responses) if (response.regionOf) regionSlugs.add(response.regionOf);
  const regions = [...regionSlugs]
    .map((slug) => {
      const known = source.regions.find((candidate) => candidate.slug === slug);
      return known ?? { slug, name: slug, legacy: false };
    })
    .sort((a, b) => Number(a.legacy) - Number(b.legacy) || a.name.localeCompare(b.name, 'sv'))
    .map((regionOf) =>
      scopeReport(context, {
        kind: 'region',
        id: regionOf.slug,
        name: regionOf.name,
        region: regionOf,
        centres: centres.filter((centre) => centre.region === regionOf.slug),
        responses: responses.filter((response) => response.regionOf === regionOf.slug),
        invitations: invitations.filter(
          (invitation) =>
            (invitation.centre ? centreBySlug.get(invitation.centre)?.region : invitation.region) ===
            regionOf.slug,
        ),
      }),
    );

  const regionNamed = (slug: string) => regions.find((candidate) => candidate.id === slug)?.region;
  const centreReports = centres.map((centre) =>
    scopeReport(context, {
      kind: 'centre',
      id: centre.slug,
      name: centre.name,
      region: regionNamed(centre.region) ?? { slug: centre.region, name: centre.region, legacy: false },
      approvedOn: centre.approvedOn,
      centres: [centre],
      responses: responses.filter((response) => response.centreOf === centre),
      invitations: invitations.filter((invitation) => invitation.centre === centre.slug),
    }),
  );

  const without = responses.filter((response) => !response.centreOf);
  const withoutInvitations = invitations.filter(
    (invitation) => !invitation.centre || !centreBySlug.has(invitation.centre),
  );
  const withoutCentre =
    filter.centre === undefined && (without.length > 0 || withoutInvitations.length > 0)
      ? scopeReport(context, {
          kind: 'without-centre',
          id: 'utan-centrum',
          name: 'Utan centrum',
          centres: [],
          responses: without,
          invitations: withoutInvitations,
        })
      : null;

  return {
    period: { ...source.period },
    generatedAt: source.generatedAt,
    filter: { ...filter },
    method,
    waves,
    national,
    regions,
    centres: centreReports,
    withoutCentre,
  };
}

/** What a centre reports of itself, and what its application's decision recorded. */
type CentreMeasures = {
  reach?: { underOneWeek: number; oneTo39Weeks: number; fortyWeeksOrMore: number };
  applicationHours?: number;
  qualityAssuranceHours: number[];
  selfAssessment: Record<string, number>;
  application?: ReportApplication;
};

type Context = { source: ReportSource; measures: Map<string, CentreMeasures> };

function centreMeasures(source: ReportSource, centre: ReportCentre, responses: Placed[]): CentreMeasures {
  const followups = responses
    .filter((response) => response.centreOf === centre && response.surveyId === followup.surveyId)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const latest = followups.at(-1)?.answers;
  const count = (id: string) => (typeof latest?.[id] === 'number' ? latest[id] : undefined);
  const under = count(followup.reach.underOneWeek);
  const oneTo39 = count(followup.reach.oneTo39Weeks);
  const forty = count(followup.reach.fortyWeeksOrMore);
  const applicationHours = followups
    .map((response) => response.answers[followup.applicationHours])
    .filter((value): value is number => typeof value === 'number')
    .at(-1);
  const application = source.applications.find(
    (candidate) => candidate.responseId === centre.applicationId || candidate.centre === centre.slug,
  );
  return {
    ...(under !== undefined &&
      oneTo39 !== undefined &&
      forty !== undefined && {
        reach: { underOneWeek: under, oneTo39Weeks: oneTo39, fortyWeeksOrMore: forty },
      }),
    ...(applicationHours !== undefined && { applicationHours }),
    qualityAssuranceHours: followups
      .map((response) => response.answers[followup.qualityAssuranceHours])
      .filter((value): value is number => typeof value === 'number'),
    selfAssessment: (latest?.[followup.selfAssessment] as Record<string, number> | undefined) ?? {},
    ...(application && { application }),
  };
}

type Scope = {
  kind: ScopeKind;
  id: string;
  name: string;
  region?: ReportRegion;
  approvedOn?: string;
  centres: ReportCentre[];
  responses: Placed[];
  invitations: ReportInvitation[];
};

function scopeReport(context: Context, scope: Scope): ScopeReport {
  const { source } = context;
  const measures = scope.centres.map((centre) => context.measures.get(centre.slug)!);
  const valueSurveys = new Set<string>(respondentGroups.map((group) => group.surveyId));
  const answers = scope.responses.filter((response) => valueSurveys.has(response.surveyId));
  const sumOf = (pick: (measure: CentreMeasures) => number | undefined) => {
    const known = measures.map(pick).filter((value): value is number => value !== undefined);
    return known.length ? known.reduce((sum, value) => sum + value, 0) : null;
  };
  const reached = measures.filter((measure) => measure.reach);
  const under = sumOf((measure) => measure.reach?.underOneWeek);
  const oneTo39 = sumOf((measure) => measure.reach?.oneTo39Weeks);
  const decided = measures
    .map((measure) => measure.application)
    .filter((application): application is ReportApplication => application !== undefined);
  const single = scope.kind === 'centre' ? decided[0] : undefined;
  return {
    kind: scope.kind,
    id: scope.id,
    name: scope.name,
    ...(scope.region && { region: { ...scope.region } }),
    ...(scope.approvedOn && { approvedOn: scope.approvedOn }),
    centres: scope.centres.length,
    answers: answers.length,
    imported: answers.filter((response) => response.imported).length,
    rates: ratesOf(scope.invitations, source.period.to),
    value: valueRows(source.surveys, answers),
    reach: {
      centres: reached.length,
      underOneWeek: under,
      oneTo39Weeks: oneTo39,
      fortyWeeksOrMore: sumOf((measure) => measure.reach?.fortyWeeksOrMore),
      excludedBefore: under === null || oneTo39 === null ? null : under + oneTo39,
    },
    burden: {
      applicationHours: totalOf(measures.map((measure) => measure.applicationHours)),
      reviewHours: totalOf(decided.map((application) => application.reviewHours)),
      qualityAssuranceHours: totalOf(measures.flatMap((measure) => measure.qualityAssuranceHours)),
    },
    quality: qualityRows(source, measures, decided, scope.responses),
    process: {
      daysToDecision: totalOf(decided.map(daysToDecision)),
      ...(single && {
        application: {
          submittedOn: localDate(new Date(single.submittedAt)),
          ...(single.decidedAt && { decidedOn: localDate(new Date(single.decidedAt)) }),
        },
      }),
    },
  };
}

function daysToDecision(application: ReportApplication): number | undefined {
  if (!application.decidedAt) return undefined;
  const day = (instant: string) => Date.parse(`${localDate(new Date(instant))}T00:00:00Z`);
  return Math.round((day(application.decidedAt) - day(application.submittedAt)) / 86_400_000);
}

function ratesOf(invitations: ReportInvitation[], to: string): RateRow[] {
  const rows = new Map<string, RateRow>();
  for (const invitation of invitations) {
    const wave = invitation.wave ?? waveOf(new Date(invitation.invitedAt));
    const id = `${invitation.surveyId}\u0000${wave}`;
    const row = rows.get(id) ?? { surveyId: invitation.surveyId, wave, invited: 0, answered: 0, rate: 0 };
    row.invited += 1;
    if (invitation.answeredAt && localDate(new Date(invitation.answeredAt)) <= to) row.answered += 1;
    rows.set(id, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, rate: Math.round((row.answered / row.invited) * 1000) / 1000 }))
    .sort((a, b) => a.surveyId.localeCompare(b.surveyId) || compareWaves(a.wave, b.wave));
}

function valueRows(surveys: readonly Survey[], answers: Placed[]): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const group of respondentGroups) {
    const survey = surveys.find((candidate) => candidate.id === group.surveyId);
    if (!survey) continue;
    const ofSurvey = answers.filter((response) => response.surveyId === survey.id);
    for (const question of questionsOf(survey)) {
      const measure = modelOf(question).valueMeasure;
      if (!measure) continue;
      const figureOf = (responses: Placed[]) => {
        const distribution: Distribution = {};
        for (const response of responses) {
          const value = String(response.answers[question.id]);
          distribution[value] = (distribution[value] ?? 0) + 1;
        }
        const imported = responses.filter((response) => response.imported).length;
        return measure.figure(question, distribution, imported);
      };
      const answered = ofSurvey.filter((response) => typeof response.answers[question.id] === 'number');
      const pilot = answered.filter((response) => !response.baseline);
      const waves = [...new Set(pilot.map((response) => response.waveOf))].sort(compareWaves);
      rows.push({
        group: group.id,
        surveyId: survey.id,
        questionId: question.id,
        label: question.label.sv,
        type: measure.kind,
        scale: measure.range(question),
        baseline: figureOf(answered.filter((response) => response.baseline)),
        pilot: figureOf(pilot),
        waves: waves.map((wave) => ({
          wave,
          figure: figureOf(pilot.filter((response) => response.waveOf === wave)),
        })),
      });
    }
  }
  return rows;
}

function qualityRows(
  source: ReportSource,
  measures: CentreMeasures[],
  decided: ReportApplication[],
  responses: Placed[],
): QualityRow[] {
  const steering = responses
    .filter((response) => response.surveyId === steeringCriteria.surveyId)
    .map((response) => response.answers[steeringCriteria.questionId] as Record<string, number> | undefined);
  return source.criteria.map((criterion) => ({
    criterionId: criterion.id,
    name: criterion.name,
    selfAssessment: judgement(measures.map((measure) => measure.selfAssessment[criterion.id])),
    steeringGroup: judgement(steering.map((rows) => rows?.[criterion.id])),
    committee: judgement(decided.map((application) => application.criteria?.[criterion.id])),
  }));
}

function judgement(values: (number | undefined)[]): Judgement {
  const total = totalOf(values.filter((value) => typeof value === 'number'));
  return { n: total.n, mean: total.mean };
}
