import type { Option } from '../shared/core/definition.ts';

export type Region = {
  /** Stored in answers, invitations and counters; never change it. */
  slug: string;
  /** The region's name without "Teknikcollege", as Teknikcollege writes it. */
  name: string;
  /** Only where a public source names them; empty means not yet known, not "none". */
  municipalities: readonly string[];
};

/**
 * Teknikcollege's regions (about 24; each a regional steering group over several municipalities).
 * Adding one is one line. Every slug starts with `tc-`, so it can never collide with a county value
 * stored before the regions (those are in `counties` below) and a stored value says which it is.
 * Sources: issue 14 (Östra Småland); teknikcollege.se/organisation (Gästrikland, Kronoberg,
 * Norrbotten, Sydost, Västra Mälardalen); gtg.se/om-oss/teknikcollege (Göteborgsregionen);
 * gotech.se, 2019-12-04 ("länets samtliga kommuner", Kronoberg); gotland.se (Gotland);
 * regionstockholm.se (Stockholmsregionen, being certified 2025/26); skaraborg.se (Skaraborg's
 * five local colleges); teknikcollege.se/artiklar/hur-gar-certifieringsprocessen-till (Uppland).
 */
// One line per region, so adding one is a one-line change.
// prettier-ignore
export const regions: readonly Region[] = [
  { slug: 'tc-gotland', name: 'Gotland', municipalities: ['Gotland'] },
  { slug: 'tc-gastrikland', name: 'Gästrikland', municipalities: [] },
  { slug: 'tc-goteborgsregionen', name: 'Göteborgsregionen', municipalities: ['Ale', 'Alingsås', 'Göteborg', 'Härryda', 'Kungsbacka', 'Kungälv', 'Lerum', 'Lilla Edet', 'Mölndal', 'Partille', 'Stenungsund', 'Tjörn', 'Öckerö'] },
  { slug: 'tc-kronoberg', name: 'Kronoberg', municipalities: ['Alvesta', 'Lessebo', 'Ljungby', 'Markaryd', 'Tingsryd', 'Uppvidinge', 'Växjö', 'Älmhult'] },
  { slug: 'tc-norrbotten', name: 'Norrbotten', municipalities: [] },
  { slug: 'tc-skaraborg', name: 'Skaraborg', municipalities: ['Falköping', 'Lidköping', 'Mariestad', 'Skövde', 'Vara'] },
  { slug: 'tc-stockholmsregionen', name: 'Stockholmsregionen', municipalities: ['Haninge', 'Huddinge', 'Järfälla', 'Södertälje'] },
  { slug: 'tc-sydost', name: 'Sydost', municipalities: [] },
  { slug: 'tc-uppland', name: 'Uppland', municipalities: [] },
  { slug: 'tc-vastra-malardalen', name: 'Västra Mälardalen', municipalities: [] },
  { slug: 'tc-ostergotland', name: 'Östergötland', municipalities: [] },
  { slug: 'tc-ostra-smaland', name: 'Östra Småland', municipalities: ['Oskarshamn', 'Mönsterås', 'Vimmerby', 'Västervik', 'Hultsfred', 'Högsby'] },
];

/**
 * Sweden's 21 counties (län), the region values used before Teknikcollege's regions. Answers,
 * invitations and counters stored with these keep them and are reported apart as
 * "län (före regionerna)"; nothing new may be stored with them.
 */
export const counties: readonly Option[] = [
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

/** The heading stored county values are reported under. */
export const countiesHeading = { sv: 'Län (före regionerna)', en: 'Counties (before the regions)' };

/** The regions as answer options of a form question (value = slug). */
export const regionOptions: readonly Option[] = regions.map((region) => ({
  value: region.slug,
  label: { sv: `Teknikcollege ${region.name}`, en: `Teknikcollege ${region.name}` },
}));

export type RegionLookup = { ok: true; region: Region } | { ok: false; message: string };

const fold = (value: string) => value.trim().normalize('NFC').toLocaleLowerCase('sv');

/**
 * The one way a region is taken (CSV, CLI flags, forms): its name in any case, with or without
 * "Teknikcollege", or its slug. Anything else, a county too, is refused naming the known regions.
 */
export function findRegion(input: string): RegionLookup {
  const wanted = fold(input).replace(/^teknikcollege\s+/, '');
  const region = regions.find((candidate) => candidate.slug === wanted || fold(candidate.name) === wanted);
  if (region) return { ok: true, region };
  const shown = JSON.stringify(input.trim().slice(0, 40));
  const known = regions.map((candidate) => candidate.name).join(', ');
  const county = counties.some(
    (candidate) => candidate.value === wanted || fold(candidate.label.sv) === wanted,
  );
  return {
    ok: false,
    message: county
      ? `${shown} is a county, not a Teknikcollege region; use one of ${known}`
      : `unknown region ${shown}; use one of ${known}`,
  };
}

/** A region's display name for a stored value: a region, a legacy county, or the value itself. */
export function regionLabel(value: string): string {
  const region = regions.find((candidate) => candidate.slug === value);
  if (region) return region.name;
  return counties.find((county) => county.value === value)?.label.sv ?? value;
}

export function isCounty(value: string): boolean {
  return counties.some((county) => county.value === value);
}

/** Report order of stored region values: regions in list order, then counties in county-code order, then the rest by name. */
export function compareRegionValues(a: string, b: string): number {
  return rank(a) - rank(b) || a.localeCompare(b, 'sv');
}

function rank(value: string): number {
  const region = regions.findIndex((candidate) => candidate.slug === value);
  if (region !== -1) return region;
  const county = counties.findIndex((candidate) => candidate.value === value);
  return regions.length + (county === -1 ? counties.length : county);
}
