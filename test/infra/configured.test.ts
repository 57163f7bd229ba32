/**
 * The app with context: a public URL and the edge stack (CloudFront + WAF in us-east-1), and a
 * custom domain on the API itself. Code assets are not bundled here; pipeline.test.ts covers them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { routes } from '../../functions/routes.ts';
import { logicalIdOf, resourcesOf, synth, type Synthesised } from './synth.ts';

describe('App: with the edge stack and a public URL', () => {
  let synthesised: Synthesised;
  beforeAll(() => {
    synthesised = synth(
      {
        stage: 'prod',
        edge: 'true',
        publicUrl: 'https://enkater.example.se/',
        fromAddress: 'enkater@example.se',
        digestRecipients: 'anna@example.se, bo@example.se',
        alarmEmail: 'drift@example.se',
        submitReservedConcurrency: 'none',
        edgeSubmitLimit: '30',
      },
      { bundle: false },
    );
  });

  it('passes cdk-nag, every acknowledgement giving a reason and IAM wildcards acknowledged one by one', () => {
    // synth() would have thrown on an unacknowledged finding; here: what was acknowledged, and why.
    // CDK stores an acknowledgement without a plugin prefix as `Annotation::<id>`; cdk-nag reads it so.
    const acknowledgements = synthesised.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => [id.replace(/^Annotation::/, ''), reason] as const);
    const rules = new Set(acknowledgements.map(([id]) => id.replace(/\[.*$/, '')));
    expect([...rules].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-IAM5',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    for (const [id, reason] of acknowledgements) {
      expect(reason.length, id).toBeGreaterThan(40);
      if (id.startsWith('AwsSolutions-IAM5'))
        expect(id).toMatch(/^AwsSolutions-IAM5\[Resource::<[^>]+>[^\]]+\]$/);
    }
  });

  it('puts the edge stack in us-east-1 and the pipeline in Stockholm', () => {
    const { assembly, deployment } = synthesised;
    expect(deployment.edge?.stackName).toBe('skc-prod-edge');
    expect(assembly.getStackArtifact(deployment.edge!.artifactId).environment.region).toBe('us-east-1');
    expect(assembly.getStackArtifact(deployment.pipeline.artifactId).environment.region).toBe('eu-north-1');
  });

  it('answers a client that submits too often with 429', () => {
    synthesised.edge!.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'SubmissionsPerClient',
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              Limit: 30,
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({ FieldToMatch: { Method: {} }, SearchString: 'POST' }),
              },
            }),
          },
        }),
        Match.objectLike({
          Name: 'RequestsPerClient',
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        }),
      ]),
    });
  });

  it('fronts the API with an uncached CloudFront distribution behind the web ACL', () => {
    const edge = synthesised.edge!;
    const webAcl = logicalIdOf(synthesised.deployment.edge!.webAcl);
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetAtt': [webAcl, 'Arn'] },
        DefaultCacheBehavior: Match.objectLike({
          AllowedMethods: Match.arrayWith(['GET', 'OPTIONS', 'POST']),
          ViewerProtocolPolicy: 'redirect-to-https',
          // The managed CachingDisabled policy.
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        }),
        Origins: [
          Match.objectLike({
            CustomOriginConfig: Match.objectLike({
              OriginProtocolPolicy: 'https-only',
              OriginSSLProtocols: ['TLSv1.2'],
            }),
          }),
        ],
      }),
    });
    const distribution = Object.values(resourcesOf(edge, 'AWS::CloudFront::Distribution'))[0]!;
    expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins[0].DomainName)).toContain(
      '"StackName":"skc-prod"',
    );
  });

  it('lets only the public origin call the API from a browser', () => {
    synthesised.pipeline.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://enkater.example.se'],
        AllowMethods: ['GET', 'POST'],
      }),
    });
  });

  it('passes the configuration to the functions', () => {
    const functions = synthesised.deployment.pipeline.functions.byName;
    const variablesOf = (fn: (typeof functions)[keyof typeof functions]) =>
      resourcesOf(synthesised.pipeline, 'AWS::Lambda::Function')[logicalIdOf(fn)]!.Properties.Environment
        .Variables;
    for (const fn of Object.values(functions))
      expect(variablesOf(fn).SKC_PUBLIC_URL).toBe('https://enkater.example.se');
    expect(variablesOf(functions.digest)).toMatchObject({
      SKC_FROM_ADDRESS: 'enkater@example.se',
      SKC_DIGEST_RECIPIENTS: 'anna@example.se,bo@example.se',
    });
    synthesised.pipeline.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: 'skc-prod' });
    synthesised.pipeline.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.se' });
  });

  it('mails alarms to the configured address', () => {
    synthesised.pipeline.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@example.se',
    });
  });

  it('refuses a body over 256 KiB at the edge, in a viewer-request CloudFront function', () => {
    // Prepare
    const edge = synthesised.edge!;
    const functionId = logicalIdOf(synthesised.deployment.edge!.bodySizeLimit);
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [
            { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
          ],
        }),
      }),
    });
    const code = resourcesOf(edge, 'AWS::CloudFront::Function')[functionId]!.Properties
      .FunctionCode as string;
    expect(code).toMatch(/^[\x20-\x7e\n]*$/);
    const handler = new Function(`${code}; return handler;`)() as (event: unknown) => Record<string, unknown>;
    const request = (length?: number, lang?: string) => ({
      headers: length === undefined ? {} : { 'content-length': { value: String(length) } },
      querystring: lang ? { lang: { value: lang } } : {},
    });
    // Act
    const over = handler({ request: request(256 * 1024 + 1) });
    const overEnglish = handler({ request: request(256 * 1024 + 1, 'en') });
    // Assess
    expect(over.statusCode).toBe(413);
    const body = over.body as { data: string };
    expect(JSON.parse(body.data)).toEqual({
      error: 'too_large',
      message: expect.stringContaining('256 KiB'),
    });
    expect((overEnglish.body as { data: string }).data).toContain('larger than 256 KiB');
    for (const passing of [request(256 * 1024), request()])
      expect(handler({ request: passing })).toBe(passing);
  });

  it('makes CloudFront the only door: a generated secret in its origin header that every HTTP function requires', () => {
    const { pipeline, edge, deployment } = synthesised;
    const secretId = logicalIdOf(deployment.pipeline.originSecret!);
    pipeline.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'skc-prod/edge-origin',
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
      ReplicaRegions: [{ Region: 'us-east-1' }],
    });
    edge!.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [
          Match.objectLike({
            OriginCustomHeaders: [
              {
                HeaderName: 'x-skc-origin-secret',
                HeaderValue: '{{resolve:secretsmanager:skc-prod/edge-origin:SecretString:::}}',
              },
            ],
          }),
        ],
      }),
    });
    const routed = new Set(routes.map((route) => route.function));
    for (const [name, fn] of Object.entries(deployment.pipeline.functions.byName)) {
      const variables = resourcesOf(pipeline, 'AWS::Lambda::Function')[logicalIdOf(fn)]!.Properties
        .Environment.Variables;
      if (!routed.has(name as never)) {
        expect(variables, name).not.toHaveProperty('SKC_ORIGIN_SECRET');
        continue;
      }
      expect(JSON.stringify(variables.SKC_ORIGIN_SECRET), name).toBe(
        JSON.stringify({
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        }),
      );
    }
  });

  it('does not warn about alarms when an alarm address is configured', () => {
    Annotations.fromStack(synthesised.deployment.pipeline).hasNoWarning(
      '*',
      Match.stringLikeRegexp('No alarmEmail'),
    );
  });

  it('reserves no concurrency when the account cannot spare it', () => {
    const submit = resourcesOf(synthesised.pipeline, 'AWS::Lambda::Function')[
      logicalIdOf(synthesised.deployment.pipeline.functions.byName.submit)
    ]!;
    expect(submit.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('App: with a custom domain on the API', () => {
  let synthesised: Synthesised;
  beforeAll(() => {
    synthesised = synth(
      {
        domainName: 'enkater.example.se',
        certificateArn:
          'arn:aws:acm:eu-north-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      },
      { bundle: false },
    );
  });

  it('serves the API on the domain only, with TLS 1.2', () => {
    expect(synthesised.deployment.edge).toBeUndefined();
    synthesised.pipeline.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    synthesised.pipeline.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'enkater.example.se',
      DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2' })],
    });
    synthesised.pipeline.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });

  it('needs no origin secret without the edge', () => {
    synthesised.pipeline.resourceCountIs('AWS::SecretsManager::Secret', 0);
    for (const fn of Object.values(resourcesOf(synthesised.pipeline, 'AWS::Lambda::Function')))
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('SKC_ORIGIN_SECRET');
  });

  it('warns, without failing synthesis, that alarms notify nobody when no alarm address is set', () => {
    Annotations.fromStack(synthesised.deployment.pipeline).hasWarning(
      '*',
      Match.stringLikeRegexp('No alarmEmail: the alarms go to an SNS topic nobody subscribes to'),
    );
  });

  it('links to the domain in emails', () => {
    synthesised.pipeline.hasOutput('PublicUrl', { Value: 'https://enkater.example.se' });
    synthesised.pipeline.hasOutput('DomainTarget', Match.anyValue());
  });
});
