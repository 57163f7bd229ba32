import { describe, expect, it } from 'vitest';
import { centreSlug, checkRegistration, findCentre, type RegionLookup } from '../../shared/core/centres.ts';

/** A stand-in for surveys/regions.ts findRegion: one region, by name (any case) or slug. */
const findRegion: RegionLookup = (input) =>
  ['östra småland', 'tc-ostra-smaland'].includes(input.trim().toLocaleLowerCase('sv'))
    ? { ok: true, region: { slug: 'tc-ostra-smaland' } }
    : { ok: false, message: `unknown region ${JSON.stringify(input)}; use one of Östra Småland` };

const options = { findRegion, today: '2026-12-02' };

describe('centreSlug', () => {
  it('makes a slug of lower-case letters and digits joined by single hyphens', () => {
    expect(centreSlug('Additivt Teknikcenter')).toBe('additivt-teknikcenter');
    expect(centreSlug('  Teknikcenter Östra Småland – Västervik ')).toBe(
      'teknikcenter-ostra-smaland-vastervik',
    );
    expect(centreSlug('ÅÄÖ & co. 2')).toBe('aao-co-2');
  });

  it('gives names that differ only in case the same slug', () => {
    expect(centreSlug('ADDITIVT teknikcenter')).toBe(centreSlug('Additivt Teknikcenter'));
  });

  it('keeps a slug at most 60 characters without a trailing hyphen', () => {
    const slug = centreSlug(`${'a'.repeat(59)} b`);
    expect(slug).toBe('a'.repeat(59));
  });
});

describe('checkRegistration', () => {
  it('accepts a centre and normalises its region and contact', () => {
    const check = checkRegistration(
      {
        name: ' Additivt  Teknikcenter ',
        region: 'ÖSTRA SMÅLAND',
        approvedOn: '2023-12-15',
        contact: ' Anna@Hultsfred.SE ',
      },
      options,
    );
    expect(check).toEqual({
      ok: true,
      centre: {
        slug: 'additivt-teknikcenter',
        name: 'Additivt Teknikcenter',
        region: 'tc-ostra-smaland',
        approvedOn: '2023-12-15',
        contact: 'anna@hultsfred.se',
      },
    });
  });

  it('refuses an unknown region naming the known ones', () => {
    const check = checkRegistration({ name: 'X', region: 'Atlantis', approvedOn: '2023-12-15' }, options);
    expect(check).toEqual({ ok: false, message: 'unknown region "Atlantis"; use one of Östra Småland' });
  });

  it('refuses a date that is not a calendar date, or in the future', () => {
    for (const approvedOn of ['2023-02-30', '15/12/2023', '2023-12'])
      expect(checkRegistration({ name: 'X', region: 'tc-ostra-smaland', approvedOn }, options)).toMatchObject(
        {
          ok: false,
          message: expect.stringMatching(/is not a date \(YYYY-MM-DD\)$/),
        },
      );
    expect(
      checkRegistration({ name: 'X', region: 'tc-ostra-smaland', approvedOn: '2026-12-03' }, options),
    ).toEqual({ ok: false, message: '--approved-on 2026-12-03 is in the future (today is 2026-12-02)' });
  });

  it('refuses a bad contact address, a name without letters and control characters, all in one line', () => {
    const check = checkRegistration(
      { name: '–––', region: 'tc-ostra-smaland', approvedOn: '2023-12-15', contact: 'not-an-email' },
      options,
    );
    expect(check).toEqual({
      ok: false,
      message: 'the name "–––" has no letters or digits; --contact is not a valid email address',
    });
    expect(
      checkRegistration(
        { name: 'Evil\u202Ename', region: 'tc-ostra-smaland', approvedOn: '2023-12-15' },
        options,
      ),
    ).toEqual({ ok: false, message: 'the name contains control characters' });
  });
});

describe('findCentre', () => {
  const centres = [
    { slug: 'additivt-teknikcenter', name: 'Additivt Teknikcenter' },
    { slug: 'gotlands-teknikcenter', name: 'Gotlands Teknikcenter' },
  ];

  it('finds a centre by slug or by its name in any case', () => {
    expect(findCentre(centres, 'gotlands-teknikcenter')?.name).toBe('Gotlands Teknikcenter');
    expect(findCentre(centres, ' additivt TEKNIKCENTER ')?.slug).toBe('additivt-teknikcenter');
  });

  it('finds nothing for another name', () => {
    expect(findCentre(centres, 'Teknikcenter')).toBeUndefined();
  });
});
