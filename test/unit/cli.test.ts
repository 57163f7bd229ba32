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

describe('skc outbox: masked addresses', () => {
  it('keeps the first letters and the top-level domain, nothing more', async () => {
    const { maskAddress } = await import('../../bin/commands/outbox.ts');
    expect(maskAddress('anna.andersson@verkstaden.se')).toBe('a***@v***.se');
    expect(maskAddress('x@localhost')).toBe('x***@l***');
    expect(maskAddress('not-an-address')).toBe('***');
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

describe('skc usage and help', () => {
  async function run(argv: string[], env: Record<string, string> = {}) {
    const { main } = await import('../../bin/cli.ts');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const commands = [
    'digest',
    'invite',
    'remind',
    'export',
    'applications',
    'review',
    'erase',
    'regions',
    'outbox',
  ];

  it('prints usage with a line per option for --help on every command and for help COMMAND (exit 0)', async () => {
    const { command: digest } = await import('../../bin/commands/digest.ts');
    for (const name of commands) {
      const viaFlag = await run([name, '--help']);
      const viaHelp = await run(['help', name]);
      expect(viaFlag.code, name).toBe(0);
      expect(viaHelp).toEqual(viaFlag);
      expect(viaFlag.out).toMatch(new RegExp(`^Usage: npx skc ${name}`));
      expect(viaFlag.out).toMatch(/^ {2}--help {2,}prints this help$/m);
    }
    for (const option of Object.keys(digest.options))
      expect((await run(['digest', '-h'])).out).toMatch(new RegExp(`^ {2}--${option} {2,}\\S`, 'm'));
  });

  it('lists the commands for help (exit 0) and for no command at all (exit 2)', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    for (const name of commands) expect(help.out).toMatch(new RegExp(`^ {2}${name} {2,}\\S`, 'm'));
    expect(help.out).toContain('Usage: npx skc <command>');
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toBe(help.out);
  });

  it("answers an unknown option with one line and the command's usage (exit 2), without Node's hint", async () => {
    const result = await run(['invite', '--survey', 'company-value', '--nope']);
    expect(result.code).toBe(2);
    const [first, , usage] = result.err.split('\n');
    expect(first).toBe('skc invite: unknown option --nope');
    expect(usage).toBe(
      'Usage: npx skc invite --survey ID (--csv FILE | --centre SLUG) [--wave YYYY-VT|YYYY-HT] [--dry-run] [--resend-uncertain]',
    );
    expect(result.err).not.toMatch(/positional|place it at the end/);
  });

  it('names an option whose value is missing, or a flag given a value (exit 2)', async () => {
    const missing = await run(['export', '--survey']);
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe('skc export: --survey needs a value');
    const flag = await run(['digest', '--json=yes']);
    expect(flag.code).toBe(2);
    expect(flag.err.split('\n')[0]).toBe('skc digest: --json takes no value');
  });

  it('shows --note as required only for changes-requested and rejected', async () => {
    const { out } = await run(['review', '--help']);
    expect(out).toContain('--decision in-review|approved|rejected|changes-requested [--note TEXT]');
    expect(out).toMatch(/--note .*required for changes-requested and rejected/);
  });

  it('refuses a bad AWS_REGION or configuration set in one line (exit 2)', async () => {
    const region = await run(['applications'], { AWS_REGION: 'mars' });
    expect(region.code).toBe(2);
    expect(region.err).toMatch(/^skc applications: .*AWS_REGION: must be an AWS region[^\n]*$/);
    const set = await run(['applications'], { SKC_SES_CONFIGURATION_SET: 'my set' });
    expect(set.code).toBe(2);
    expect(set.err).toContain('SKC_SES_CONFIGURATION_SET');
  });
});
