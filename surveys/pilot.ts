/**
 * The pilot's calendar. The review committee runs the pilot of certifying strategic competence
 * centres from December 2023 (the first centre, in Hultsfred, was approved on 2023-12-15) until
 * 2027-06-30. `start` is the default of `SKC_PILOT_START` (shared/config.ts): the digest's "pilot
 * so far" totals, and the evaluation report by default, run from there.
 */
export const pilot = {
  name: {
    sv: 'Pilot: certifiering av strategiska kompetenscentrum',
    en: 'Pilot: certifying strategic competence centres',
  },
  start: '2023-12-01',
  end: '2027-06-30',
  timeZone: 'Europe/Stockholm',
} as const;

/** Surveys close at the end of the pilot's last day, Swedish summer time. */
export const pilotClosesAt = '2027-07-01T00:00:00+02:00';
/** Surveys accept answers from the pilot's start (earlier evidence comes in through an import). */
export const pilotOpensAt = '2023-12-01T00:00:00+01:00';
