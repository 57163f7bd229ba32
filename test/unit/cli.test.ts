import { describe, expect, it } from 'vitest';

describe('skc against AWS', () => {
  it('refuses to send mail with the local defaults for links and sender (exit 2)', async () => {
    const { main } = await import('../../bin/cli.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const csv = join(mkdtempSync(join(tmpdir(), 'skc-')), 'list.csv');
    writeFileSync(csv, 'email,organisation,region\nanna@example.se,Verkstad AB,Östra Småland\n');
    const errors: string[] = [];
    const code = await main(
      ['invite', '--survey', 'company-value', '--csv', csv],
      { SKC_TARGET: 'aws', AWS_REGION: 'eu-north-1' },
      { out: () => undefined, err: (line) => errors.push(line) },
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain('SKC_PUBLIC_URL');
  });
});

describe('skc regions', () => {
  it('lists every Teknikcollege region with its slug and known municipalities, one per line', async () => {
    const { main } = await import('../../bin/cli.ts');
    const { regions } = await import('../../surveys/regions.ts');
    const out: string[] = [];
    const code = await main(['regions'], {}, { out: (line) => out.push(line), err: () => undefined });
    expect(code).toBe(0);
    expect(out).toHaveLength(regions.length);
    expect(out).toContain(
      'tc-ostra-smaland\tÖstra Småland\tOskarshamn, Mönsterås, Vimmerby, Västervik, Hultsfred, Högsby',
    );
    expect(out).toContain('tc-sydost\tSydost\t–');
  });
});
