import { describe, expect, it } from 'vitest';
import {
  compareRegionValues,
  counties,
  findRegion,
  regionLabel,
  regionOptions,
  regions,
} from '../../surveys/regions.ts';
import { centreApplication } from '../../surveys/centre-application.ts';
import { findQuestion } from '../../shared/core/definition.ts';

describe('Teknikcollege regions', () => {
  it('never reuses a county slug, so stored county values stay distinguishable', () => {
    const countyValues = new Set(counties.map((county) => county.value));
    for (const region of regions) expect(countyValues.has(region.slug), region.slug).toBe(false);
  });

  it('has unique slugs and names that resolve to themselves', () => {
    expect(new Set(regions.map((region) => region.slug)).size).toBe(regions.length);
    for (const region of regions) {
      expect(region.slug).toMatch(/^tc-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(findRegion(region.name)).toEqual({ ok: true, region });
      expect(findRegion(region.slug)).toEqual({ ok: true, region });
    }
  });

  it('knows Östra Småland with its six municipalities', () => {
    const found = findRegion('Östra Småland');
    expect(found.ok && found.region.municipalities).toEqual([
      'Oskarshamn',
      'Mönsterås',
      'Vimmerby',
      'Västervik',
      'Hultsfred',
      'Högsby',
    ]);
  });
});

describe('findRegion', () => {
  it.each([
    'östra småland',
    'ÖSTRA SMÅLAND',
    '  Östra Småland ',
    'Teknikcollege Östra Småland',
    'tc-ostra-smaland',
  ])('resolves %j to Östra Småland', (input) => {
    const found = findRegion(input);
    expect(found.ok && found.region.slug).toBe('tc-ostra-smaland');
  });

  it('refuses a county, saying so and naming the regions', () => {
    expect(findRegion('kalmar')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^"kalmar" is a county, not a Teknikcollege region; use one of Gotland, .*Östra Småland$/,
      ),
    });
    expect(findRegion('Kalmar län')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/is a county/),
    });
  });

  it('refuses an unknown name, listing every known region', () => {
    const found = findRegion('Atlantis');
    expect(found.ok).toBe(false);
    const message = found.ok ? '' : found.message;
    expect(message).toMatch(/^unknown region "Atlantis"; use one of /);
    for (const region of regions) expect(message).toContain(region.name);
  });
});

describe('regionLabel', () => {
  it('names a region, a legacy county and an unknown value', () => {
    expect(regionLabel('tc-kronoberg')).toBe('Kronoberg');
    expect(regionLabel('kalmar')).toBe('Kalmar län');
    expect(regionLabel('elsewhere')).toBe('elsewhere');
  });
});

describe('compareRegionValues', () => {
  it('orders regions as listed, then counties in county-code order, then anything else', () => {
    const stored = ['zeta', 'skane', 'tc-ostra-smaland', 'kalmar', 'tc-gotland', 'alfa'];
    expect(stored.sort(compareRegionValues)).toEqual([
      'tc-gotland',
      'tc-ostra-smaland',
      'kalmar',
      'skane',
      'alfa',
      'zeta',
    ]);
  });
});

describe('the application form', () => {
  it('offers the Teknikcollege regions, not the counties', () => {
    const question = findQuestion(centreApplication, 'region');
    expect(question?.type === 'singleChoice' && question.options).toEqual(regionOptions);
    expect(regionOptions.map((option) => option.value)).toEqual(regions.map((region) => region.slug));
  });
});
