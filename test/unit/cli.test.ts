import { describe, expect, it } from 'vitest';

describe('skc against AWS', () => {
  it('refuses to send mail with the local defaults for links and sender (exit 2)', async () => {
    const { main } = await import('../../bin/cli.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const csv = join(mkdtempSync(join(tmpdir(), 'skc-')), 'list.csv');
    writeFileSync(csv, 'email,organisation,region\nanna@example.se,Verkstad AB,kalmar\n');
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

describe('skc outbox: masked addresses', () => {
  it('keeps the first letters and the top-level domain, nothing more', async () => {
    const { maskAddress } = await import('../../bin/commands/outbox.ts');
    expect(maskAddress('anna.andersson@verkstaden.se')).toBe('a***@v***.se');
    expect(maskAddress('x@localhost')).toBe('x***@l***');
    expect(maskAddress('not-an-address')).toBe('***');
  });
});
