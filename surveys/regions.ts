import type { Option } from '../shared/core/definition.ts';

/**
 * Sweden's 21 counties (län), in county-code order. A stand-in: Teknikcollege's own list of its 24
 * regions could not be found in an authoritative source, so region roll-ups use counties until the
 * real list replaces this one. The values are stored in answers and invitations; keep them stable.
 */
export const regions: readonly Option[] = [
  { value: 'stockholm', label: { sv: 'Stockholms län', en: 'Stockholm County' } },
  { value: 'uppsala', label: { sv: 'Uppsala län', en: 'Uppsala County' } },
  { value: 'sodermanland', label: { sv: 'Södermanlands län', en: 'Södermanland County' } },
  { value: 'ostergotland', label: { sv: 'Östergötlands län', en: 'Östergötland County' } },
  { value: 'jonkoping', label: { sv: 'Jönköpings län', en: 'Jönköping County' } },
  { value: 'kronoberg', label: { sv: 'Kronobergs län', en: 'Kronoberg County' } },
  { value: 'kalmar', label: { sv: 'Kalmar län', en: 'Kalmar County' } },
  { value: 'gotland', label: { sv: 'Gotlands län', en: 'Gotland County' } },
  { value: 'blekinge', label: { sv: 'Blekinge län', en: 'Blekinge County' } },
  { value: 'skane', label: { sv: 'Skåne län', en: 'Skåne County' } },
  { value: 'halland', label: { sv: 'Hallands län', en: 'Halland County' } },
  { value: 'vastra-gotaland', label: { sv: 'Västra Götalands län', en: 'Västra Götaland County' } },
  { value: 'varmland', label: { sv: 'Värmlands län', en: 'Värmland County' } },
  { value: 'orebro', label: { sv: 'Örebro län', en: 'Örebro County' } },
  { value: 'vastmanland', label: { sv: 'Västmanlands län', en: 'Västmanland County' } },
  { value: 'dalarna', label: { sv: 'Dalarnas län', en: 'Dalarna County' } },
  { value: 'gavleborg', label: { sv: 'Gävleborgs län', en: 'Gävleborg County' } },
  { value: 'vasternorrland', label: { sv: 'Västernorrlands län', en: 'Västernorrland County' } },
  { value: 'jamtland', label: { sv: 'Jämtlands län', en: 'Jämtland County' } },
  { value: 'vasterbotten', label: { sv: 'Västerbottens län', en: 'Västerbotten County' } },
  { value: 'norrbotten', label: { sv: 'Norrbottens län', en: 'Norrbotten County' } },
];
