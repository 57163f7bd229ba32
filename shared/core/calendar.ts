/**
 * ISO weeks in Europe/Stockholm: the digest's periods and the aggregate counters' buckets.
 * A week id is `YYYY-Www`; it sorts as text in time order (2026 has a week 53).
 * Waves are school terms in Stockholm time: `YYYY-VT` (January–June), `YYYY-HT` (July–December).
 */
import { pilot } from '../../surveys/pilot.ts';

const TIME_ZONE = pilot.timeZone;
const DAY = 86_400_000;
const WEEK_ID = /^(\d{4})-W(\d{2})$/;

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local calendar date (YYYY-MM-DD) in Stockholm at an instant. */
export function localDate(instant: Date): string {
  return localDateFormat.format(instant);
}

const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDate = (epoch: number) => new Date(epoch).toISOString().slice(0, 10);

/** The ISO week id of a local calendar date. */
export function weekOfDate(date: string): string {
  const day = utcDay(date);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = day + (3 - weekday) * DAY; // the week belongs to the year of its Thursday
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week id (Stockholm) an instant falls in. */
export function weekOf(instant: Date): string {
  return weekOfDate(localDate(instant));
}

export function isWeekId(value: string): boolean {
  const match = WEEK_ID.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= 53 && weekOfDate(mondayOf(value)) === value;
}

/** Monday's date of an ISO week. */
function mondayOf(weekId: string): string {
  const match = WEEK_ID.exec(weekId);
  if (!match) throw new RangeError(`Not an ISO week: ${weekId}`);
  const year = Number(match[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return isoDate(week1Monday + (Number(match[2]) - 1) * 7 * DAY);
}

/** The UTC instant of local midnight at the start of a Stockholm date. */
export function startOfLocalDate(date: string): Date {
  let guess = utcDay(date);
  // Two passes settle the offset even when the guess lands on the other side of a DST change.
  for (let pass = 0; pass < 2; pass++) {
    const local = localDateTime(new Date(guess));
    guess -= local - utcDay(date);
  }
  return new Date(guess);
}

const localTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function localDateTime(instant: Date): number {
  const parts = Object.fromEntries(
    localTimeFormat.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

export type Period = {
  id: string;
  /** Monday, local date. */
  from: string;
  /** Sunday, local date. */
  to: string;
  /** First instant of the week. */
  start: Date;
  /** First instant after the week. */
  end: Date;
};

export function period(weekId: string): Period {
  const from = mondayOf(weekId);
  const to = isoDate(utcDay(from) + 6 * DAY);
  const next = isoDate(utcDay(from) + 7 * DAY);
  return { id: weekId, from, to, start: startOfLocalDate(from), end: startOfLocalDate(next) };
}

export function previousWeek(weekId: string): string {
  return weekOfDate(isoDate(utcDay(mondayOf(weekId)) - 7 * DAY));
}

/** The last week that has fully ended at `now`. */
export function lastFullWeek(now: Date): string {
  return previousWeek(weekOf(now));
}

/** Whole days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY);
}

// --- waves: one survey round per school term -------------------------------------------------

const WAVE_ID = /^(\d{4})-(VT|HT)$/;

/** The wave (term) an instant falls in, Stockholm time: `YYYY-VT` January–June, `YYYY-HT` July–December. */
export function waveOf(instant: Date): string {
  const [year, month] = localDate(instant).split('-');
  return `${year}-${Number(month) <= 6 ? 'VT' : 'HT'}`;
}

export function isWaveId(value: string): boolean {
  return WAVE_ID.test(value);
}

export type WaveLookup = { ok: true; wave: string } | { ok: false; message: string };

/** A wave as typed on a command line or in a file (any case, surrounding spaces), or why it is not one. */
export function parseWave(input: string): WaveLookup {
  const wave = input.trim().toUpperCase();
  if (isWaveId(wave)) return { ok: true, wave };
  return {
    ok: false,
    message: `${JSON.stringify(input.trim().slice(0, 20))} is not a wave; use YYYY-VT (January–June) or YYYY-HT (July–December), e.g. 2026-HT`,
  };
}

/** Time order of wave ids (VT before HT of the same year), for `sort`. Plain text order would put HT first. */
export function compareWaves(a: string, b: string): number {
  return waveIndex(a) - waveIndex(b);
}

function waveIndex(waveId: string): number {
  const match = WAVE_ID.exec(waveId);
  if (!match) throw new RangeError(`Not a wave: ${waveId}`);
  return Number(match[1]) * 2 + (match[2] === 'HT' ? 1 : 0);
}

/** A wave's first and last local dates. */
export function waveDates(waveId: string): { from: string; to: string } {
  const match = WAVE_ID.exec(waveId);
  if (!match) throw new RangeError(`Not a wave: ${waveId}`);
  const year = match[1]!;
  return match[2] === 'VT'
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}
