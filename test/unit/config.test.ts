import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config.ts';

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
        new ConfigError(
          `Invalid configuration: SKC_PILOT_START: must be a date YYYY-MM-DD, e.g. 2023-12-01 (got "${value}")`,
        ),
      );
    },
  );

  it('refuses a start after the pilot has ended', () => {
    expect(() => loadConfig({ SKC_PILOT_START: '2027-07-01' })).toThrow(
      /^Invalid configuration: SKC_PILOT_START: must be before the pilot ends \(2027-06-30\)/,
    );
  });
});
