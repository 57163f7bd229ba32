import { describe, expect, it } from 'vitest';
import {
  compareWaves,
  daysBetween,
  isWaveId,
  isWeekId,
  lastFullWeek,
  parseWave,
  period,
  previousWeek,
  waveDates,
  waveOf,
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

describe('waves (terms) in Europe/Stockholm', () => {
  it('names the spring term VT and the autumn term HT', () => {
    expect(waveOf(new Date('2026-12-02T12:00:00Z'))).toBe('2026-HT');
    expect(waveOf(new Date('2027-03-15T12:00:00Z'))).toBe('2027-VT');
  });

  it("is already next year's VT at 23:30 UTC on New Year's Eve (00:30 in Stockholm)", () => {
    expect(waveOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-VT');
    expect(waveOf(new Date('2026-12-31T22:59:59Z'))).toBe('2026-HT');
  });

  it('is already HT at 22:30 UTC on 30 June (00:30 on 1 July in Stockholm, summer time)', () => {
    expect(waveOf(new Date('2027-06-30T22:30:00Z'))).toBe('2027-HT');
    expect(waveOf(new Date('2027-06-30T21:59:59Z'))).toBe('2027-VT');
  });

  it('takes a wave in any case and refuses anything else with one line saying the form', () => {
    expect(parseWave(' 2026-ht ')).toEqual({ ok: true, wave: '2026-HT' });
    expect(parseWave('2026-HT')).toEqual({ ok: true, wave: '2026-HT' });
    for (const bad of ['2026', '2026-H1', '26-HT', '2026-W48', '2026-HT2'])
      expect(parseWave(bad)).toEqual({
        ok: false,
        message: expect.stringMatching(/is not a wave; use YYYY-VT \(January–June\) or YYYY-HT/),
      });
    expect(isWaveId('2026-ht')).toBe(false);
  });

  it('orders waves in time, spring before autumn of the same year', () => {
    const waves = ['2027-VT', '2026-HT', '2024-HT', '2024-VT', '2023-HT'];
    expect([...waves].sort(compareWaves)).toEqual(['2023-HT', '2024-VT', '2024-HT', '2026-HT', '2027-VT']);
    expect([...waves].sort()).not.toEqual([...waves].sort(compareWaves)); // text order gets it wrong
  });

  it("gives a wave's first and last dates", () => {
    expect(waveDates('2026-HT')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(waveDates('2027-VT')).toEqual({ from: '2027-01-01', to: '2027-06-30' });
  });
});
