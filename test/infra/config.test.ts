/** The deployment's context: defaults that synthesise, `-c` strings coerced, mistakes named. */
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { ConfigError, mailIdentityOf, readConfig } from '../../infra/config.ts';

const read = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('Function: readConfig', () => {
  it('gives a working default with no context at all', () => {
    const config = read({});
    expect(config).toMatchObject({ stage: 'pilot', region: 'eu-north-1', edge: false, digestRecipients: [] });
    expect(config.submitBurst).toBeLessThanOrEqual(config.submitReservedConcurrency as number);
    expect(config.submitRate).toBeLessThanOrEqual(config.throttleRate);
  });

  it('coerces the strings that -c key=value passes', () => {
    const config = read({
      throttleRate: '50',
      throttleBurst: '100',
      edge: 'true',
      submitReservedConcurrency: '30',
      digestRecipients: 'a@example.se, b@example.se',
    });
    expect(config).toMatchObject({
      throttleRate: 50,
      throttleBurst: 100,
      edge: true,
      submitReservedConcurrency: 30,
    });
    expect(config.digestRecipients).toEqual(['a@example.se', 'b@example.se']);
  });

  it('accepts recipients as a list from cdk.json', () => {
    expect(read({ digestRecipients: ['a@example.se'] }).digestRecipients).toEqual(['a@example.se']);
  });

  it('rejects a submit burst the reserved concurrency cannot carry', () => {
    expect(() => read({ submitBurst: '30', submitReservedConcurrency: '20', throttleBurst: '100' })).toThrow(
      /submitBurst/,
    );
  });

  it('rejects a submit route that allows more than the stage', () => {
    expect(() => read({ submitRate: '50', throttleRate: '20' })).toThrow(/submitRate/);
  });

  it('names every invalid key on its own line', () => {
    let error: unknown;
    try {
      read({
        fromAddress: 'not-an-address',
        publicUrl: 'http://insecure.example.se',
        logRetentionDays: '42',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^ {2}fromAddress: /m);
    expect(message).toMatch(/^ {2}publicUrl: must be an https URL/m);
    expect(message).toMatch(/^ {2}logRetentionDays: /m);
  });

  it('requires a certificate with a custom domain, in us-east-1 when CloudFront uses it', () => {
    expect(() => read({ domainName: 'enkater.example.se' })).toThrow(/certificateArn/);
    const certificateArn =
      'arn:aws:acm:eu-north-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    expect(read({ domainName: 'enkater.example.se', certificateArn }).domainName).toBe('enkater.example.se');
    expect(() => read({ domainName: 'enkater.example.se', certificateArn, edge: true })).toThrow(/us-east-1/);
  });

  it('verifies the sender domain unless an identity is named', () => {
    expect(mailIdentityOf(read({ fromAddress: 'enkater@teknikcollege.se' }))).toBe('teknikcollege.se');
    expect(
      mailIdentityOf(
        read({ fromAddress: 'enkater@teknikcollege.se', mailIdentity: 'enkater@teknikcollege.se' }),
      ),
    ).toBe('enkater@teknikcollege.se');
  });
});

describe('App: infra/app.ts', () => {
  it('refuses a bad -c value in one line, without a stack trace, and exits non-zero', async () => {
    // Prepare: the CDK CLI hands `-c` values to the app as CDK_CONTEXT_JSON.
    const { spawnSync } = await import('node:child_process');
    const { resolve } = await import('node:path');
    const root = resolve(import.meta.dirname, '../..');
    // Act
    const result = spawnSync(resolve(root, 'node_modules/.bin/node'), ['infra/app.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ edge: 'maybe', region: 'mars' }) },
    });
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid CDK context (cdk.json or -c key=value): region: must be an AWS region such as eu-north-1 (got "mars"); edge: must be true or false (got "maybe")',
    ]);
  });

  it('says what a context value must be and what it got', () => {
    expect(() => read({ throttleRate: 'abc' })).toThrow(
      'throttleRate: must be a whole number from 1 to 10000 (got "abc")',
    );
    expect(() => read({ submitReservedConcurrency: 'lots' })).toThrow(/or none \(got "lots"\)/);
  });
});
