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

describe('loadConfig without zod', () => {
  it('fills every unset setting with its default', () => {
    // Act
    const config = loadConfig({});
    // Assess
    expect(config).toMatchObject({
      PORT: 3000,
      SKC_DATA_DIR: '.data',
      SKC_DIGEST_RECIPIENTS: [],
      SKC_FROM_ADDRESS: 'skc-pilot@localhost.test',
      SKC_PUBLIC_URL: 'http://localhost:3000',
      SKC_RETENTION_MONTHS: 12,
      AWS_REGION: 'eu-north-1',
    });
    expect(config.SKC_DYNAMODB_ENDPOINT).toBeUndefined();
  });

  it('converts numbers, trims addresses and drops a trailing slash from the public URL', () => {
    // Act
    const config = loadConfig({
      PORT: '8080',
      SKC_RETENTION_MONTHS: '0',
      SKC_DIGEST_RECIPIENTS: ' a@example.se, ,b@example.se ',
      SKC_FROM_ADDRESS: ' enkater@example.se ',
      SKC_PUBLIC_URL: 'https://skc.example.se//',
    });
    // Assess
    expect(config.PORT).toBe(8080);
    expect(config.SKC_RETENTION_MONTHS).toBe(0);
    expect(config.SKC_DIGEST_RECIPIENTS).toEqual(['a@example.se', 'b@example.se']);
    expect(config.SKC_FROM_ADDRESS).toBe('enkater@example.se');
    expect(config.SKC_PUBLIC_URL).toBe('https://skc.example.se');
  });

  it.each([
    ['PORT', 'port', 'must be a port number'],
    ['PORT', '80.5', 'must be a whole number'],
    ['PORT', '0', 'must be 1 to 65535'],
    ['SKC_RETENTION_MONTHS', '121', 'must be 0 to 120'],
    ['SKC_DATA_DIR', '', 'must not be empty'],
    ['SKC_DIGEST_RECIPIENTS', 'a@example.se,nobody', 'entry 2 must be an email address'],
    ['SKC_FROM_ADDRESS', 'nobody', 'must be an email address'],
    ['SKC_PUBLIC_URL', 'ftp://example.se', 'must be an http(s) URL'],
    ['SKC_TABLE_NAME', 'a b', 'must be a DynamoDB table name'],
    ['SKC_DYNAMODB_ENDPOINT', 'not a url', 'must be a URL'],
    ['SKC_ORIGIN_SECRET', 'short', 'must be at least 32 characters'],
  ])('refuses %s=%j with "%s"', (name, value, message) => {
    // Act and assess
    expect(() => loadConfig({ [name]: value })).toThrow(`${name}: ${message}`);
  });
});
