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
