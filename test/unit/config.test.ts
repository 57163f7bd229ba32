import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/adapters/config.ts';

describe('loadConfig', () => {
  it('names a wrong setting without echoing its value, which may be a secret and reaches logs', () => {
    // Prepare
    const env = {
      SKC_PUBLIC_URL: 'ftp://s3cr3t-value',
      SKC_DIGEST_RECIPIENTS: 'wg@example.se,åsa@example.se',
    };
    // Act
    const error = (() => {
      try {
        loadConfig(env);
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toContain('SKC_PUBLIC_URL');
    expect(error?.message).toContain('SKC_DIGEST_RECIPIENTS');
    expect(error?.message).not.toContain('s3cr3t');
    expect(error?.message).not.toContain('åsa');
  });
});

describe('loadConfig: SKC_PILOT_START', () => {
  it('defaults to December 2023, when the pilot started', () => {
    expect(loadConfig({}).SKC_PILOT_START).toBe('2023-12-01');
  });

  it('takes another start date', () => {
    expect(loadConfig({ SKC_PILOT_START: '2024-01-15' }).SKC_PILOT_START).toBe('2024-01-15');
  });

  it.each(['2023-13-01', '1 december 2023', '2023-12-1', '2023-02-30'])(
    'refuses %j with one line naming the variable and the form',
    (value) => {
      expect(() => loadConfig({ SKC_PILOT_START: value })).toThrow(
        new ConfigError(`Invalid configuration: SKC_PILOT_START: must be a date YYYY-MM-DD, e.g. 2023-12-01`),
      );
    },
  );

  it('refuses a start after the pilot has ended', () => {
    expect(() => loadConfig({ SKC_PILOT_START: '2027-07-01' })).toThrow(
      /^Invalid configuration: SKC_PILOT_START: must be before the pilot ends \(2027-06-30\)/,
    );
  });
});
