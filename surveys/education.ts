import type { Option } from '../shared/core/definition.ts';

/**
 * Forms of education a centre's utbildningar take. Whole-centre certification covers all of them;
 * today's rule certifies only gymnasieskola, yrkesvux and yrkeshögskola of at least 40 weeks.
 * The values are stored in answers (v1 applications used all but `gymnasieskola`); never rename them.
 */
export const educationForms: readonly Option[] = [
  { value: 'gymnasieskola', label: { sv: 'Gymnasieskola', en: 'Upper secondary school (gymnasieskola)' } },
  {
    value: 'yrkesvux',
    label: {
      sv: 'Vuxenutbildning, till exempel yrkesvux',
      en: 'Adult education, for example vocational adult education (yrkesvux)',
    },
  },
  { value: 'yh', label: { sv: 'Yrkeshögskola (YH)', en: 'Higher vocational education (YH)' } },
  {
    value: 'uppdragsutbildning',
    label: { sv: 'Uppdragsutbildning', en: 'Contract training (uppdragsutbildning)' },
  },
  { value: 'kort-kurs', label: { sv: 'Kortare kurs', en: 'Shorter course' } },
];

/** The units a length of an utbildning is given in, so a one-day course fits as well as a YH programme. */
export const lengthUnits: readonly Option[] = [
  { value: 'timmar', label: { sv: 'Timmar', en: 'Hours' } },
  { value: 'dagar', label: { sv: 'Dagar', en: 'Days' } },
  { value: 'veckor', label: { sv: 'Veckor', en: 'Weeks' } },
];

/** The length bands the pilot reports reach in (40 weeks is today's threshold for certification). */
export const lengthBands: readonly Option[] = [
  { value: 'under-one-week', label: { sv: 'Kortare än en vecka', en: 'Under a week' } },
  { value: 'one-to-39-weeks', label: { sv: '1–39 veckor', en: '1–39 weeks' } },
  { value: '40-weeks-or-more', label: { sv: '40 veckor eller längre', en: '40 weeks or longer' } },
];
