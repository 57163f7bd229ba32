import { describe, expect, it } from 'vitest';
import { countersFor, sumCounters } from '../../shared/core/aggregate.ts';
import { period, weekOf } from '../../shared/core/calendar.ts';
import { buildDigest, weeksNeeded, type Bucket, type DigestSource } from '../../shared/core/digest.ts';
import { centreApplication } from '../../surveys/centre-application.ts';
import { companyValue } from '../../surveys/company-value.ts';
import { steeringGroup } from '../../surveys/steering-group.ts';
import * as examples from '../fixtures/answers.ts';

/** A company-value response reduced to what the model reads: its counters. */
const company = (recommend: number, wholeCentreValue: number) =>
  countersFor(companyValue, examples.companyValue({ recommend, wholeCentreValue }));

const bucket = (week: string, counters: Record<string, number>[], region?: string): Bucket => ({
  week,
  counters: sumCounters(counters),
  ...(region && { region }),
});

/**
 * Company-value responses (recommend, wholeCentreValue):
 * W45 (10,4) (9,4) · W46 (3,5) in Kalmar · W47 (9,4) (7,2) in Kalmar, (0,2) in Skåne · W48 (10,5) after the period.
 */
function seeded(week: string): DigestSource {
  return {
    period: week,
    surveys: [
      {
        survey: companyValue,
        buckets: [
          bucket('2026-W45', [company(10, 4), company(9, 4)]),
          bucket('2026-W46', [company(3, 5)]),
          bucket('2026-W46', [company(3, 5)], 'kalmar'),
          bucket('2026-W47', [company(9, 4), company(7, 2), company(0, 2)]),
          bucket('2026-W47', [company(9, 4), company(7, 2)], 'kalmar'),
          bucket('2026-W47', [company(0, 2)], 'skane'),
          bucket('2026-W48', [company(10, 5)]),
        ],
        invites: {
          invited: 10,
          answered: 7,
          'invited@kalmar': 4,
          'answered@kalmar': 3,
          'invited@skane': 6,
          'answered@skane': 1,
        },
      },
      { survey: steeringGroup, buckets: [], invites: {} },
    ],
    statuses: { submitted: 3, 'in-review': 1, approved: 1 },
  };
}

const question = (digest: ReturnType<typeof buildDigest>, id: string) =>
  digest.surveys[0]!.questions.find((entry) => entry.id === id)!;

describe('buildDigest', () => {
  it('counts responses for the period, the week before and the pilot so far (not later weeks)', () => {
    const digest = buildDigest(seeded('2026-W47'));
    expect(digest.period).toEqual({ id: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    expect(digest.previousPeriod).toEqual({ id: '2026-W46', from: '2026-11-09', to: '2026-11-15' });
    expect(digest.surveys[0]!.responses).toEqual({ period: 3, total: 6, previous: 1 });
  });

  it('gives NPS, mean and distribution per period from hand-computed figures', () => {
    const recommend = question(buildDigest(seeded('2026-W47')), 'recommend');
    // Week: 9, 7, 0 → mean 16/3, one promoter, one detractor → NPS 0.
    expect(recommend.period).toMatchObject({ n: 3, mean: 5.33, nps: 0 });
    expect(recommend.period.distribution).toMatchObject({ '0': 1, '7': 1, '9': 1, '10': 0 });
    // Pilot so far: 10, 9, 3, 9, 7, 0 → mean 38/6, promoters 3, detractors 2 → (3 − 2) / 6 = 17 %.
    expect(recommend.total).toMatchObject({ n: 6, mean: 6.33, nps: 17 });
    // The week before: 3 → NPS −100.
    expect(recommend.previous).toMatchObject({ n: 1, mean: 3, nps: -100 });
  });

  it('gives a likert distribution over the whole scale, zeros included', () => {
    const value = question(buildDigest(seeded('2026-W47')), 'wholeCentreValue');
    expect(value.total).toEqual({
      n: 6,
      mean: 3.5,
      distribution: { '1': 0, '2': 2, '3': 0, '4': 3, '5': 1 },
    });
  });

  it('lists every question of the survey in definition order with its type', () => {
    const digest = buildDigest(seeded('2026-W47'));
    expect(digest.surveys[0]!.questions.map((entry) => entry.id)).toEqual([
      'companySize',
      'industry',
      'collaboration',
      'valueStatements',
      'wholeCentreValue',
      'recommend',
      'greatestValue',
      'improvements',
    ]);
    expect(question(digest, 'valueStatements').total.distribution).toMatchObject({
      'skills-supply': { '4': 6 },
    });
  });

  it('computes the response rate from the invite counters, and null when nobody was invited', () => {
    const digest = buildDigest(seeded('2026-W47'));
    expect(digest.surveys[0]).toMatchObject({ invited: 10, responseRate: 0.7 });
    expect(digest.surveys[1]).toMatchObject({ invited: 0, responseRate: null });
  });

  it('rolls responses and response rates up by region, in county order', () => {
    const digest = buildDigest(seeded('2026-W47'));
    expect(digest.surveys[0]!.regions).toEqual([]);
    expect(digest.surveys[0]!.counties).toEqual([
      { id: 'kalmar', responses: { period: 2, total: 3 }, invited: 4, responseRate: 0.75 },
      { id: 'skane', responses: { period: 1, total: 1 }, invited: 6, responseRate: 0.1667 },
    ]);
  });

  it('reports Teknikcollege regions in list order and stored county values apart', () => {
    // Prepare: the seeded county counters plus answers and invitations stored under regions.
    const source = seeded('2026-W47');
    const entry = source.surveys[0]!;
    entry.buckets.push(
      bucket('2026-W47', [company(9, 4)], 'tc-ostra-smaland'),
      bucket('2026-W46', [company(8, 3)], 'tc-gotland'),
      bucket('2026-W47', [company(8, 3)], 'stale-value'),
    );
    Object.assign(entry.invites, { 'invited@tc-ostra-smaland': 2, 'answered@tc-ostra-smaland': 1 });
    // Act
    const digest = buildDigest(source);
    // Assess: regions first in the list's order, unknown values after them; counties never mixed in.
    expect(digest.surveys[0]!.regions).toEqual([
      { id: 'tc-gotland', responses: { period: 0, total: 1 }, invited: 0, responseRate: null },
      { id: 'tc-ostra-smaland', responses: { period: 1, total: 1 }, invited: 2, responseRate: 0.5 },
      { id: 'stale-value', responses: { period: 1, total: 1 }, invited: 0, responseRate: null },
    ]);
    expect(digest.surveys[0]!.counties.map((county) => county.id)).toEqual(['kalmar', 'skane']);
  });

  it('reports applications by status with every status present', () => {
    expect(buildDigest(seeded('2026-W47')).applications.byStatus).toEqual({
      submitted: 3,
      'in-review': 1,
      'changes-requested': 0,
      approved: 1,
      rejected: 0,
    });
  });

  it('counts days left from the period’s Sunday to the pilot’s end', () => {
    expect(buildDigest(seeded('2026-W47')).pilot).toEqual({
      start: '2023-12-01',
      end: '2027-06-30',
      daysLeft: 220,
    });
    expect(buildDigest(seeded('2027-W26')).pilot.daysLeft).toBe(0);
  });

  it('gives an empty period zero answers and no means, while the totals carry on', () => {
    const digest = buildDigest(seeded('2026-W49'));
    expect(digest.surveys[0]!.responses).toEqual({ period: 0, total: 7, previous: 1 });
    const recommend = question(digest, 'recommend');
    expect(recommend.period).toEqual({
      n: 0,
      distribution: Object.fromEntries(Array.from({ length: 11 }, (_, value) => [String(value), 0])),
    });
    expect(recommend.total).toMatchObject({ n: 7, nps: 29 }); // promoters 4, detractors 2 of 7
  });

  it('builds a digest with no counters at all', () => {
    const digest = buildDigest({
      period: '2026-W47',
      surveys: [{ survey: centreApplication, buckets: [], invites: {} }],
      statuses: {},
    });
    expect(digest.surveys[0]).toMatchObject({
      responses: { period: 0, total: 0, previous: 0 },
      invited: 0,
      responseRate: null,
      regions: [],
      counties: [],
    });
    expect(digest.surveys[0]!.questions.every((entry) => entry.total.n === 0)).toBe(true);
    expect(Object.values(digest.applications.byStatus)).toEqual([0, 0, 0, 0, 0]);
  });

  it('handles ISO week 53 of 2026 and the turn of the year', () => {
    const source: DigestSource = {
      period: '2026-W53',
      surveys: [
        {
          survey: companyValue,
          buckets: [
            bucket('2026-W52', [company(10, 5)]),
            bucket('2026-W53', [company(6, 3), company(8, 3)]),
            bucket('2027-W01', [company(2, 1)]),
          ],
          invites: {},
        },
      ],
      statuses: {},
    };
    const digest = buildDigest(source);
    expect(digest.period).toEqual({ id: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(digest.previousPeriod.id).toBe('2026-W52');
    expect(digest.surveys[0]!.responses).toEqual({ period: 2, total: 3, previous: 1 });
    expect(digest.pilot.daysLeft).toBe(178);
    const next = buildDigest({ ...source, period: '2027-W01' });
    expect(next.previousPeriod.id).toBe('2026-W53');
    expect(next.surveys[0]!.responses).toEqual({ period: 1, total: 4, previous: 2 });
  });

  it('puts a Sunday-night response at the spring DST change into that Sunday’s week', () => {
    // Summer time starts 2027-03-28 at 02:00; 23:30 that evening is still Sunday of week 12.
    const late = new Date('2027-03-28T23:30:00+02:00');
    expect(weekOf(late)).toBe('2027-W12');
    expect(weekOf(new Date('2027-03-29T00:30:00+02:00'))).toBe('2027-W13');
    const week12 = period('2027-W12');
    expect(week12.start.toISOString()).toBe('2027-03-21T23:00:00.000Z'); // midnight, winter time
    expect(week12.end.toISOString()).toBe('2027-03-28T22:00:00.000Z'); // midnight, summer time
    expect(late.getTime()).toBeLessThan(week12.end.getTime());

    const digest = buildDigest({
      period: '2027-W12',
      surveys: [
        {
          survey: companyValue,
          buckets: [bucket(weekOf(late), [company(9, 5)]), bucket('2027-W13', [company(1, 1)])],
          invites: {},
        },
      ],
      statuses: {},
    });
    expect(digest.period).toEqual({ id: '2027-W12', from: '2027-03-22', to: '2027-03-28' });
    expect(digest.surveys[0]!.responses).toEqual({ period: 1, total: 1, previous: 0 });
  });

  it('reads from the pilot’s first week, or from the week before a period that starts it', () => {
    // The pilot started on Friday 2023-12-01, in ISO week 48 of 2023.
    expect(weeksNeeded('2026-W47')).toEqual({ from: '2023-W48', to: '2026-W47' });
    expect(weeksNeeded('2023-W48')).toEqual({ from: '2023-W47', to: '2023-W48' });
    expect(weeksNeeded('2026-W47', '2026-11-02')).toEqual({ from: '2026-W45', to: '2026-W47' });
    expect(weeksNeeded('2026-W45', '2026-11-02')).toEqual({ from: '2026-W44', to: '2026-W45' });
  });

  it('counts the pilot so far from a configured start, leaving earlier weeks out', () => {
    const digest = buildDigest({ ...seeded('2026-W47'), pilotStart: '2026-11-09' });
    expect(digest.pilot.start).toBe('2026-11-09');
    expect(digest.surveys[0]!.responses).toEqual({ period: 3, total: 4, previous: 1 });
    expect(buildDigest(seeded('2026-W47')).surveys[0]!.responses.total).toBe(6);
  });
});
