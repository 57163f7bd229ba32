import type { Scale } from '../shared/core/definition.ts';

/** How well a criterion is met (self-assessment and steering-group rating share it, so they compare). */
export const fulfilmentScale: Scale = {
  min: 1,
  max: 5,
  labels: {
    '1': { sv: 'Uppfylls inte', en: 'Not met' },
    '2': { sv: 'Uppfylls till liten del', en: 'Met to a small extent' },
    '3': { sv: 'Uppfylls delvis', en: 'Partly met' },
    '4': { sv: 'Uppfylls till stor del', en: 'Largely met' },
    '5': { sv: 'Uppfylls helt', en: 'Fully met' },
  },
};

export const agreementScale: Scale = {
  min: 1,
  max: 5,
  labels: {
    '1': { sv: 'Instämmer inte alls', en: 'Do not agree at all' },
    '2': { sv: 'Instämmer till liten del', en: 'Agree a little' },
    '3': { sv: 'Instämmer delvis', en: 'Partly agree' },
    '4': { sv: 'Instämmer till stor del', en: 'Largely agree' },
    '5': { sv: 'Instämmer helt', en: 'Fully agree' },
  },
};

/** Companies and steering groups rate the value of whole-centre certification on the same scale. */
export const valueScale: Scale = {
  min: 1,
  max: 5,
  labels: {
    '1': { sv: 'Inget värde', en: 'No value' },
    '2': { sv: 'Litet värde', en: 'Little value' },
    '3': { sv: 'Visst värde', en: 'Some value' },
    '4': { sv: 'Stort värde', en: 'Great value' },
    '5': { sv: 'Mycket stort värde', en: 'Very great value' },
  },
};
