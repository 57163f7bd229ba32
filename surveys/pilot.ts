/**
 * The pilot's calendar. The review committee runs the pilot of certifying strategic competence
 * centres until 2027-06-30; skc-pilot's data collection starts on `collectionStart`, and the
 * digest's "pilot so far" totals run from there.
 */
export const pilot = {
  name: {
    sv: 'Pilot: certifiering av strategiska kompetenscentrum',
    en: 'Pilot: certifying strategic competence centres',
  },
  collectionStart: '2026-11-02',
  end: '2027-06-30',
  timeZone: 'Europe/Stockholm',
} as const;

/** Surveys close at the end of the pilot's last day, Swedish summer time. */
export const pilotClosesAt = '2027-07-01T00:00:00+02:00';
export const pilotOpensAt = '2026-11-02T00:00:00+01:00';
