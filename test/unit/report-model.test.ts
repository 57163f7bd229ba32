import { describe, expect, it } from 'vitest';
import { buildReport, filterProblem } from '../../shared/core/report/model.ts';
import { meanFigure, npsFigure, tQuantile } from '../../shared/core/report/statistics.ts';
import { followup, respondentGroups, steeringCriteria } from '../../shared/core/report/measures.ts';
import { findQuestion } from '../../shared/core/definition.ts';
import { getSurvey } from '../../surveys/index.ts';
import { valueScale } from '../../surveys/scales.ts';
import { QAP, reportSource } from '../fixtures/report.ts';

const source = reportSource;
const report = buildReport(source);
const centreA = report.centres.find((centre) => centre.id === 'additivt')!;
const centreB = report.centres.find((centre) => centre.id === 'smedjan')!;
const row = (scope: typeof centreA, surveyId: string, questionId: string) =>
  scope.value.find((value) => value.surveyId === surveyId && value.questionId === questionId)!;

describe('report statistics', () => {
  it('takes t from the table and between its rows beyond 30', () => {
    expect(tQuantile(4)).toBe(2.776);
    expect(tQuantile(10)).toBe(2.228);
    // 1/50 lies 0.6 of the way from 1/40 to 1/60: 2.021 − 0.6 · 0.021 = 2.0084.
    expect(tQuantile(50)).toBeCloseTo(2.0084, 4);
    expect(tQuantile(10_000)).toBeCloseTo(1.96, 2);
  });

  it('gives no figure at all below five answers', () => {
    expect(meanFigure({ '4': 4 }, valueScale)).toEqual({ n: 4, imported: 0 });
    expect(npsFigure({ '10': 4 })).toEqual({ n: 4, imported: 0 });
  });

  it('gives an interval of width zero when every answer is the same', () => {
    expect(meanFigure({ '3': 6 }, valueScale)).toMatchObject({ value: 3, low: 3, high: 3 });
  });
});

describe('report model, checked by hand', () => {
  it('keeps answers from before the approval date apart as the baseline', () => {
    const value = row(centreA, 'company-value', 'wholeCentreValue');
    // 2 and 3 before 2023-12-15: n = 2 < 5, so no figure; the answer of 2023-11-20 is outside the period.
    expect(value.baseline).toEqual({ n: 2, imported: 2 });
  });

  it('gives the Likert mean with its t-interval per wave and over the pilot', () => {
    const value = row(centreA, 'company-value', 'wholeCentreValue');
    // 2024-VT: 3,4,4,4,5. Mean 4; s² = (1+0+0+0+1)/4 = 0.5, s = 0.70711; s/√5 = 0.31623;
    // t(4) = 2.776 → ± 0.87785 → [3.12, 4.88].
    expect(value.waves[0]).toEqual({
      wave: '2024-VT',
      figure: { n: 5, imported: 5, value: 4, low: 3.12, high: 4.88 },
    });
    // 2024-HT: 2,3,3,4,4,5. Mean 21/6 = 3.5; Σ(x−3.5)² = 2.25+0.25·4+2.25 = 5.5, s² = 1.1,
    // s = 1.04881; s/√6 = 0.42817; t(5) = 2.571 → ± 1.10084 → [2.40, 4.60].
    expect(value.waves[1]).toEqual({
      wave: '2024-HT',
      figure: { n: 6, imported: 2, value: 3.5, low: 2.4, high: 4.6 },
    });
    // Pilot, both waves: n = 11, Σx = 41, mean 3.72727; Σx² = 161, SS = 161 − 41²/11 = 8.18182,
    // s² = 0.81818; s/√11 = 0.27273; t(10) = 2.228 → ± 0.60764 → [3.12, 4.33].
    expect(value.pilot).toEqual({ n: 11, imported: 7, value: 3.73, low: 3.12, high: 4.33 });
  });

  it('gives the NPS with its normal-approximation interval', () => {
    const recommend = row(centreA, 'company-value', 'recommend');
    // Pilot: 10,9,9,8,7 | 6,3,10,9,7,5. Promoters 5/11 = 0.45455, detractors 3/11 = 0.27273,
    // NPS = 18.18 → 18. Var = (0.72727 − 0.18182²)/11 = 0.06311, √ = 0.25122, × 1.96 = 0.49239
    // → [−31.06, 67.42] → [−31, 67].
    expect(recommend.pilot).toEqual({ n: 11, imported: 7, value: 18, low: -31, high: 67 });
    expect({ type: recommend.type, scale: recommend.scale }).toEqual({
      type: 'nps',
      scale: { min: -100, max: 100 },
    });
    const likert = row(centreA, 'company-value', 'wholeCentreValue');
    expect({ type: likert.type, scale: likert.scale }).toEqual({ type: 'likert', scale: { min: 1, max: 5 } });
    // 2024-VT: 3 promoters, no detractors of 5: NPS 60; Var = (0.6 − 0.36)/5 = 0.048, √ = 0.21909,
    // ± 0.42942 → [0.17, 1.03], clamped to 100 → [17, 100].
    expect(recommend.waves[0]!.figure).toEqual({ n: 5, imported: 5, value: 60, low: 17, high: 100 });
    // 2024-HT: 2 promoters, 3 detractors of 6: NPS −16.67 → −17; Var = (5/6 − 1/36)/6 = 0.13426,
    // √ = 0.36641, ± 0.71817 → [−0.885, 0.552] → [−88, 55].
    expect(recommend.waves[1]!.figure).toEqual({ n: 6, imported: 2, value: -17, low: -88, high: 55 });
  });

  it('shows no figure for a centre with fewer than five answers', () => {
    expect(row(centreB, 'company-value', 'wholeCentreValue').pilot).toEqual({ n: 3, imported: 0 });
    expect(row(centreB, 'company-value', 'recommend').pilot).toEqual({ n: 3, imported: 0 });
  });

  it('counts rates from invitations only, never from imported answers', () => {
    // Additivt 2024-HT: 6 answers, 2 of them imported; 10 invited, 4 answered through invitations.
    expect(centreA.rates).toEqual([
      { surveyId: 'company-value', wave: '2024-HT', invited: 10, answered: 4, rate: 0.4 },
    ]);
    expect(centreB.rates).toEqual([
      { surveyId: 'company-value', wave: '2024-HT', invited: 4, answered: 3, rate: 0.75 },
    ]);
    expect(report.national.rates).toEqual([
      { surveyId: 'company-value', wave: '2024-HT', invited: 14, answered: 7, rate: 0.5 },
    ]);
  });

  it('sets the three judgements of each criterion side by side, whatever n', () => {
    const qap = centreA.quality.find((quality) => quality.criterionId === QAP)!;
    // Self-assessment: the latest follow-up (2024-11-05) says 4; the steering group 4 and 5 → 4.5;
    // the committee 4.
    expect(qap).toMatchObject({
      selfAssessment: { n: 1, mean: 4 },
      steeringGroup: { n: 2, mean: 4.5 },
      committee: { n: 1, mean: 4 },
    });
    // Nationally: self 4 and 3 → 3.5; committee 4 and 3 → 3.5 (means over centres).
    expect(report.national.quality.find((quality) => quality.criterionId === QAP)).toMatchObject({
      selfAssessment: { n: 2, mean: 3.5 },
      steeringGroup: { n: 2, mean: 4.5 },
      committee: { n: 2, mean: 3.5 },
    });
  });

  it('measures reach, burden and the process per centre and summed nationally', () => {
    // Latest follow-up: 4 under a week + 6 of 1–39 weeks were outside the 40-week rule.
    expect(centreA.reach).toEqual({
      centres: 1,
      underOneWeek: 4,
      oneTo39Weeks: 6,
      fortyWeeksOrMore: 2,
      excludedBefore: 10,
    });
    expect(centreA.burden).toEqual({
      applicationHours: { n: 1, total: 120, mean: 120 },
      reviewHours: { n: 1, total: 16, mean: 16 },
      qualityAssuranceHours: { n: 2, total: 100, mean: 50 },
    });
    // 2023-10-02 → 2023-12-15: 29 + 30 + 15 = 74 days.
    expect(centreA.process).toEqual({
      daysToDecision: { n: 1, total: 74, mean: 74 },
      application: { submittedOn: '2023-10-02', decidedOn: '2023-12-15' },
    });
    expect(report.national.reach).toEqual({
      centres: 2,
      underOneWeek: 5,
      oneTo39Weeks: 8,
      fortyWeeksOrMore: 2,
      excludedBefore: 13,
    });
    // Smedjan 2024-06-10 → 2024-09-01: 20 + 31 + 31 + 1 = 83 days; mean (74 + 83) / 2 = 78.5.
    expect(report.national.process.daysToDecision).toEqual({ n: 2, total: 157, mean: 78.5 });
    expect(report.national.burden.qualityAssuranceHours).toEqual({ n: 3, total: 120, mean: 40 });
  });

  it('rolls up nationally, by region, with counties apart, and reports answers without a centre', () => {
    // 11 + 3 + 1 pilot answers; Σ = 41 + 14 + 3 = 58, mean 3.8667.
    expect(row(report.national, 'company-value', 'wholeCentreValue').pilot).toMatchObject({
      n: 15,
      imported: 7,
      value: 3.87,
    });
    expect(report.national).toMatchObject({ answers: 22, imported: 9 });
    expect(report.regions.map((region) => [region.id, region.region?.legacy])).toEqual([
      ['tc-kronoberg', false],
      ['tc-ostra-smaland', false],
      ['kalmar', true],
    ]);
    expect(report.withoutCentre).toMatchObject({ answers: 1, imported: 0 });
    expect(row(report.withoutCentre!, 'company-value', 'wholeCentreValue').pilot).toEqual({
      n: 1,
      imported: 0,
    });
    expect(report.waves).toEqual(['2023-HT', '2024-VT', '2024-HT']);
  });

  it('narrows to one centre or one region, and names an unknown one', () => {
    const only = buildReport(source, { centre: 'smedjan' });
    expect(only.centres.map((centre) => centre.id)).toEqual(['smedjan']);
    expect(only.withoutCentre).toBeNull();
    expect(only.national.answers).toBe(4); // three companies and its own follow-up
    const region = buildReport(source, { region: 'ÖSTRA SMÅLAND' });
    expect(region.centres.map((centre) => centre.id)).toEqual(['additivt']);
    expect(filterProblem(source, { centre: 'nope' })).toBe('unknown centre "nope"; known: additivt, smedjan');
    expect(filterProblem(source, { region: 'Atlantis' })).toBe(
      'unknown region "Atlantis"; known: Östra Småland, Kronoberg',
    );
  });

  it('finds every question it reads in the survey files', () => {
    for (const group of respondentGroups) expect(getSurvey(group.surveyId), group.surveyId).toBeDefined();
    const centre = getSurvey(followup.surveyId)!;
    for (const id of [
      ...Object.values(followup.reach),
      followup.qualityAssuranceHours,
      followup.applicationHours,
      followup.selfAssessment,
    ])
      expect(findQuestion(centre, id), id).toBeDefined();
    expect(findQuestion(getSurvey(steeringCriteria.surveyId)!, steeringCriteria.questionId)?.type).toBe(
      'matrix',
    );
  });
});
