import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { getCentre } from '../../shared/adapters/store/centres.ts';
import { wiring } from './harness.ts';

const { db } = wiring();
const today = new Date('2026-12-02T11:00:00Z');

async function skc(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    process.env,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => today, progress: () => {} },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const additivt = [
  '--name',
  'Additivt Teknikcenter',
  '--region',
  'Östra Småland',
  '--approved-on',
  '2023-12-15',
];

describe('skc centres', () => {
  it('lists no centres before any is registered', async () => {
    const result = await skc(['centres']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^No centres yet\./);
    expect(JSON.parse((await skc(['centres', '--json'])).out)).toEqual([]);
  });

  it('registers a centre with a slug made from its name, its region and approval date', async () => {
    const result = await skc(['centres', 'add', ...additivt, '--contact', 'Kontakt@Hultsfred.SE']);

    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      'Registered Additivt Teknikcenter (additivt-teknikcenter), Östra Småland, approved 2023-12-15, with a contact address.',
    );
    expect(await getCentre(db, 'additivt-teknikcenter')).toEqual({
      slug: 'additivt-teknikcenter',
      name: 'Additivt Teknikcenter',
      region: 'tc-ostra-smaland',
      approvedOn: '2023-12-15',
      contact: 'kontakt@hultsfred.se',
    });
  });

  it('lists each centre with slug, region, approval date and its partner companies invited and answered', async () => {
    await skc([
      'centres',
      'add',
      '--name',
      'Gotlands Teknikcenter',
      '--region',
      'gotland',
      '--approved-on',
      '2025-05-02',
    ]);

    const result = await skc(['centres']);
    expect(result).toMatchObject({ code: 0, err: '' });
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(/^slug\s+centre\s+region\s+approved\s+companies invited\s+answered$/);
    expect(lines[1]).toMatch(
      /^additivt-teknikcenter\s+Additivt Teknikcenter\s+Östra Småland\s+2023-12-15\s+0\s+0$/,
    );
    expect(lines[2]).toMatch(
      /^gotlands-teknikcenter\s+Gotlands Teknikcenter\s+Gotland\s+2025-05-02\s+0\s+0$/,
    );
    expect(lines[3]).toBe('2 centres.');

    const json = JSON.parse((await skc(['centres', '--json'])).out) as unknown[];
    expect(json).toEqual([
      {
        slug: 'additivt-teknikcenter',
        name: 'Additivt Teknikcenter',
        region: 'tc-ostra-smaland',
        approvedOn: '2023-12-15',
        contact: true,
        companies: { invited: 0, answered: 0 },
      },
      expect.objectContaining({ slug: 'gotlands-teknikcenter', contact: false }),
    ]);
    expect(JSON.stringify(json)).not.toContain('hultsfred.se');
  });

  it('refuses a name already registered, in any case, in one line (exit 1), writing nothing', async () => {
    const result = await skc([
      'centres',
      'add',
      '--name',
      'ADDITIVT teknikcenter',
      '--region',
      'gotland',
      '--approved-on',
      '2024-01-01',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'skc centres: a centre named "Additivt Teknikcenter" is already registered (additivt-teknikcenter); nothing was registered',
    );
    expect((await getCentre(db, 'additivt-teknikcenter'))?.region).toBe('tc-ostra-smaland');
  });

  it('refuses a name whose slug is taken by another centre', async () => {
    const result = await skc([
      'centres',
      'add',
      '--name',
      'Additivt-Teknikcenter!',
      '--region',
      'gotland',
      '--approved-on',
      '2024-01-01',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/slug additivt-teknikcenter is already "Additivt Teknikcenter"'s/);
    expect(result.err.split('\n')).toHaveLength(1);
  });

  it('refuses an unknown region, a bad date and a bad address, each in one line (exit 1)', async () => {
    const region = await skc([
      'centres',
      'add',
      '--name',
      'Nytt Center',
      '--region',
      'Atlantis',
      '--approved-on',
      '2024-01-01',
    ]);
    expect(region.code).toBe(1);
    expect(region.err).toMatch(
      /^skc centres: unknown region "Atlantis"; use one of .*; nothing was registered$/,
    );

    const date = await skc([
      'centres',
      'add',
      '--name',
      'Nytt Center',
      '--region',
      'gotland',
      '--approved-on',
      '2024-02-30',
    ]);
    expect(date).toMatchObject({
      code: 1,
      err: 'skc centres: --approved-on "2024-02-30" is not a date (YYYY-MM-DD); nothing was registered',
    });

    const contact = await skc([
      ...['centres', 'add', '--name', 'Nytt Center', '--region', 'gotland'],
      '--approved-on',
      '2024-01-01',
      '--contact',
      'nej',
    ]);
    expect(contact).toMatchObject({
      code: 1,
      err: 'skc centres: --contact is not a valid email address; nothing was registered',
    });
    expect(await getCentre(db, 'nytt-center')).toBeUndefined();
  });

  it('answers a missing flag or an unknown action with usage (exit 2)', async () => {
    const missing = await skc(['centres', 'add', '--name', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^skc centres: --region is required\n[\s\S]*Usage: npx skc centres/);
    expect((await skc(['centres', 'remove'])).code).toBe(2);
  });

  it('erases a centre’s contact address with skc erase, keeping the centre', async () => {
    const result = await skc(['erase', '--email', 'kontakt@hultsfred.se']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('centre contact addresses removed:     1');
    const centre = await getCentre(db, 'additivt-teknikcenter');
    expect(centre).toMatchObject({ slug: 'additivt-teknikcenter', name: 'Additivt Teknikcenter' });
    expect(centre?.contact).toBeUndefined();
  });
});
