import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  isWeekId,
  lastFullWeek,
  period,
  previousWeek,
  weekOf,
} from '../../shared/core/calendar.ts';

describe('ISO weeks in Europe/Stockholm', () => {
  it('knows 2026 has a week 53 running into 2027', () => {
    expect(period('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekOf(new Date('2027-01-03T12:00:00+01:00'))).toBe('2026-W53');
    expect(weekOf(new Date('2027-01-04T00:00:00+01:00'))).toBe('2027-W01');
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(isWeekId('2026-W53')).toBe(true);
    expect(isWeekId('2027-W53')).toBe(false);
  });

  it('puts a late Sunday answer in the Stockholm week, not the UTC one', () => {
    // 23:30 on Sunday in Stockholm is still Sunday there, whatever UTC says.
    expect(weekOf(new Date('2026-11-29T23:30:00+01:00'))).toBe('2026-W48');
    expect(weekOf(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W49');
  });

  it('starts and ends weeks at local midnight across the daylight-saving change', () => {
    const week = period('2027-W12'); // clocks go forward on Sunday 2027-03-28
    expect(week.start.toISOString()).toBe('2027-03-21T23:00:00.000Z');
    expect(week.end.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(weekOf(new Date('2027-03-28T23:30:00+02:00'))).toBe('2027-W12');
    expect(weekOf(new Date('2027-03-29T00:00:00+02:00'))).toBe('2027-W13');
  });

  it('takes the week before the running one as the last full week', () => {
    expect(lastFullWeek(new Date('2026-11-25T10:00:00Z'))).toBe('2026-W47');
    expect(lastFullWeek(new Date('2026-11-23T00:30:00+01:00'))).toBe('2026-W47');
  });

  it('counts the pilot days left from a period end', () => {
    expect(daysBetween(period('2026-W47').to, '2027-06-30')).toBe(220);
  });
});
