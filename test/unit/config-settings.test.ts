/** The settings a newcomer meets first: ports, the links they drive, and the AWS names checked up front. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, localEnvironment } from '../../shared/adapters/config.ts';
import { checkPortFree } from '../../local/services.ts';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('Function: loadConfig', () => {
  it('points emailed links at the local app on PORT unless SKC_PUBLIC_URL is set', () => {
    expect(loadConfig({}).SKC_PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3001' }).SKC_PUBLIC_URL).toBe('http://localhost:3001');
    expect(loadConfig({ PORT: '3001', SKC_PUBLIC_URL: 'https://enkater.example.se/' }).SKC_PUBLIC_URL).toBe(
      'https://enkater.example.se',
    );
  });

  it('reads the ports of DynamoDB Local and SES local, 8000 and 8005 by default', () => {
    expect(loadConfig({})).toMatchObject({ SKC_DYNAMODB_PORT: 8000, SKC_SES_PORT: 8005 });
    expect(loadConfig({ SKC_DYNAMODB_PORT: '18000', SKC_SES_PORT: '18005' })).toMatchObject({
      SKC_DYNAMODB_PORT: 18000,
      SKC_SES_PORT: 18005,
    });
  });

  it('refuses a bad port in one line that names the setting', () => {
    for (const name of ['PORT', 'SKC_DYNAMODB_PORT', 'SKC_SES_PORT']) {
      const message = refusal({ [name]: '70000' });
      expect(message).toContain(`${name}: must be 1 to 65535`);
      expect(message).not.toContain('70000');
      expect(message).not.toContain('\n');
    }
    expect(refusal({ SKC_SES_PORT: 'eight' })).toContain('SKC_SES_PORT: must be a port number');
  });

  it('accepts AWS region names and refuses anything else in one line', () => {
    for (const region of ['eu-north-1', 'us-gov-west-1', 'ap-southeast-3', 'cn-north-1', 'us-isob-east-1'])
      expect(loadConfig({ AWS_REGION: region }).AWS_REGION).toBe(region);
    for (const region of ['mars', 'eu-north', 'EU-NORTH-1', 'eu-north-1 ', 'eu_north_1']) {
      const message = refusal({ AWS_REGION: region });
      expect(message).toContain('AWS_REGION: must be an AWS region such as eu-north-1');
      expect(message).not.toContain('\n');
    }
  });

  it('accepts an SES configuration-set name only by SES rules (letters, digits, _ and -, at most 64)', () => {
    expect(loadConfig({ SKC_SES_CONFIGURATION_SET: 'skc-pilot_mail-2' }).SKC_SES_CONFIGURATION_SET).toBe(
      'skc-pilot_mail-2',
    );
    expect(loadConfig({ SKC_SES_CONFIGURATION_SET: 'a'.repeat(64) }).SKC_SES_CONFIGURATION_SET).toHaveLength(
      64,
    );
    for (const name of ['skc pilot', 'skc.pilot', 'a'.repeat(65), ''])
      expect(refusal({ SKC_SES_CONFIGURATION_SET: name })).toContain('SKC_SES_CONFIGURATION_SET: must be');
  });
});

describe('Function: localEnvironment', () => {
  it('points the CLI and the app at the local stand-ins on their configured ports', () => {
    expect(localEnvironment({ SKC_DYNAMODB_PORT: '18000', SKC_SES_PORT: '18005' })).toMatchObject({
      SKC_DYNAMODB_ENDPOINT: 'http://127.0.0.1:18000',
      SKC_SES_ENDPOINT: 'http://127.0.0.1:18005',
    });
    expect(localEnvironment({ SKC_DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }).SKC_DYNAMODB_ENDPOINT).toBe(
      'http://127.0.0.1:9',
    );
  });

  it('gives the local stack a working group unless SKC_DIGEST_RECIPIENTS is set', () => {
    expect(loadConfig(localEnvironment({})).SKC_DIGEST_RECIPIENTS).toEqual(['arbetsgrupp@localhost.test']);
    expect(
      loadConfig(localEnvironment({ SKC_DIGEST_RECIPIENTS: 'anna@example.se' })).SKC_DIGEST_RECIPIENTS,
    ).toEqual(['anna@example.se']);
  });
});

describe('Function: checkPortFree', () => {
  it('says in one line which setting moves a taken port', async () => {
    // Prepare
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    try {
      // Act, Assess
      await expect(checkPortFree(port, 'DynamoDB Local', 'SKC_DYNAMODB_PORT')).rejects.toThrow(
        `Port ${port} (DynamoDB Local) is already in use. Stop what uses it, or set SKC_DYNAMODB_PORT to another port.`,
      );
    } finally {
      server.close();
    }
  });
});
