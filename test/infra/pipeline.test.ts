/**
 * The pipeline stack as `npx cdk synth` builds it with no context: the properties the product's
 * promises rest on (runtime, data safety, schedule, least privilege, throttling, alarms), and the
 * route table shared with the local runtime.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { functions, routes, type FunctionName, type FunctionSpec } from '../../functions/routes.ts';
import { table as tableDesign } from '../../shared/adapters/store/table.ts';
import { contextSchema } from '../../infra/config.ts';
import { bounceRateThreshold, complaintRateThreshold } from '../../infra/constructs/monitoring.ts';
import { logicalIdOf, resourcesOf, synth, type Synthesised } from './synth.ts';

const defaults = contextSchema.parse({});
const functionNames = Object.keys(functions) as FunctionName[];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

let synthesised: Synthesised;
let template: Template;
const idOf = (name: FunctionName) => logicalIdOf(synthesised.deployment.pipeline.functions.byName[name]);
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });

beforeAll(() => {
  synthesised = synth();
  template = synthesised.pipeline;
});

/** Every IAM statement attached to a function's role, flattened. */
function statementsOf(name: FunctionName): { actions: string[]; resources: unknown[] }[] {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .map((statement: { Action: string | string[]; Resource: unknown }) => ({
      actions: [statement.Action].flat(),
      resources: [statement.Resource].flat(),
    }));
}
const actionsOf = (name: FunctionName) => statementsOf(name).flatMap((statement) => statement.actions);

describe('Stack: pipeline (default context)', () => {
  describe('functions', () => {
    it('builds exactly one function per entry of the route table', () => {
      template.resourceCountIs('AWS::Lambda::Function', functionNames.length);
      for (const name of functionNames) {
        expect(resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]?.Properties.Description).toBe(
          functions[name].description,
        );
      }
    });

    it('runs every function on Node.js 24, arm64, 512 MB', () => {
      for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          MemorySize: 512,
        });
      }
    });

    it('gives HTTP functions 10 s and the jobs minutes', () => {
      const timeouts = Object.fromEntries(
        functionNames.map((name) => [
          name,
          resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]!.Properties.Timeout,
        ]),
      );
      for (const route of routes) expect(timeouts[route.function]).toBe(10);
      expect(timeouts.mailer).toBe(60);
      expect(timeouts.digest).toBe(300);
    });

    it('logs every function to its own log group with a retention', () => {
      const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
      const used = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map(
        (fn) => fn.Properties.LoggingConfig.LogGroup.Ref,
      );
      expect(new Set(used).size).toBe(functionNames.length);
      for (const id of used)
        expect(logGroups[id]?.Properties.RetentionInDays).toBe(defaults.logRetentionDays);
    });

    it('ships each function as a minified ESM bundle with a source map and the AWS SDK inside', () => {
      for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
        expect(fn.Properties.Handler).toBe('index.handler');
        // Not --enable-source-maps: its cost at every cold start is measured in bench/README.md.
        expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
        const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
        const directory = path.join(synthesised.assembly.directory, `asset.${assetHash}`);
        expect(readdirSync(directory).sort()).toEqual(['index.mjs', 'index.mjs.map']);
        const code = readFileSync(path.join(directory, 'index.mjs'), 'utf8');
        expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
        expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
        expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
      }
    });

    it('inlines the stylesheet and script of the pages into the bundles that render them', () => {
      const fn = resourcesOf(template, 'AWS::Lambda::Function')[idOf('form')]!;
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const code = readFileSync(
        path.join(synthesised.assembly.directory, `asset.${assetHash}`, 'index.mjs'),
        'utf8',
      );
      // Every line of the files, as esbuild writes it into a string (lines a string escapes aside).
      const lines = (text: string) =>
        text.split('\n').filter((line) => line.trim() !== '' && !/["'`\\$]/.test(line));
      const file = (name: string) =>
        readFileSync(new URL(`../../shared/views/assets/${name}`, import.meta.url), 'utf8');
      for (const line of [...lines(file('page.css')), ...lines(file('page.js'))])
        expect(code).toContain(line);
      expect(lines(file('page.css')).length).toBeGreaterThan(100);
    });

    it('loads zod only where answers are validated, and Powertools Metrics only where metrics are emitted', () => {
      // Issue 16: nothing in a cold start that the function has no use for.
      const validates = new Set(['submit']);
      const emitsMetrics = new Set(['submit', 'mailer', 'digest', 'digestCheck']);
      for (const name of functionNames) {
        const fn = resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]!;
        const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
        const map = JSON.parse(
          readFileSync(
            path.join(synthesised.assembly.directory, `asset.${assetHash}`, 'index.mjs.map'),
            'utf8',
          ),
        ) as { sources: string[] };
        const carries = (pkg: string) =>
          map.sources.some((source) => source.includes(`node_modules/${pkg}/`));
        expect({ name, zod: carries('zod'), metrics: carries('@aws-lambda-powertools/metrics') }).toEqual({
          name,
          zod: validates.has(name),
          metrics: emitsMetrics.has(name),
        });
      }
    });

    it('configures each function from the environment shared/adapters/config.ts reads', () => {
      for (const name of functionNames) {
        const spec: FunctionSpec = functions[name];
        const variables = resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]!.Properties.Environment
          .Variables;
        expect(variables).toHaveProperty('SKC_PUBLIC_URL');
        expect(variables.SKC_RETENTION_MONTHS).toBe(String(defaults.retentionMonths));
        expect('SKC_TABLE_NAME' in variables).toBe(spec.table !== 'none');
        for (const key of ['SKC_FROM_ADDRESS', 'SKC_DIGEST_RECIPIENTS', 'SKC_SES_CONFIGURATION_SET']) {
          expect(key in variables).toBe(spec.sendsMail);
        }
      }
    });

    it('names the Powertools service, metrics namespace and log level of every function', () => {
      for (const name of functionNames) {
        const variables = resourcesOf(template, 'AWS::Lambda::Function')[idOf(name)]!.Properties.Environment
          .Variables;
        expect(variables).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'skc-pilot',
          POWERTOOLS_METRICS_NAMESPACE: 'skc-pilot',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        });
      }
    });
  });

  describe('least privilege', () => {
    it('gives every function its own role and no AWS managed policy', () => {
      const roles = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map(
        (fn) => fn.Properties.Role['Fn::GetAtt'][0],
      );
      expect(new Set(roles).size).toBe(functionNames.length);
      for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('grants table access exactly as the route table says', () => {
      for (const name of functionNames) {
        const actions = actionsOf(name);
        const access = functions[name].table;
        expect(actions.some((action) => action.startsWith('dynamodb:'))).toBe(access !== 'none');
        expect(actions.some((action) => writeActions.includes(action))).toBe(access === 'read-write');
      }
    });

    it('does not let the form function write the table', () => {
      expect(actionsOf('form')).toContain('dynamodb:GetItem');
      for (const action of writeActions) expect(actionsOf('form')).not.toContain(action);
    });

    it('does not let the submit function send email', () => {
      expect(actionsOf('submit')).toContain('dynamodb:PutItem');
      expect(actionsOf('submit').filter((action) => action.startsWith('ses:'))).toEqual([]);
    });

    it('lets only mail-sending functions send, from the identity through the configuration set', () => {
      const identity = logicalIdOf(synthesised.deployment.pipeline.mail.identity);
      const configurationSet = logicalIdOf(synthesised.deployment.pipeline.mail.configurationSet);
      for (const name of functionNames) {
        const sesStatements = statementsOf(name).filter((statement) =>
          statement.actions.some((action) => action.startsWith('ses:')),
        );
        if (!functions[name].sendsMail) {
          expect(sesStatements).toEqual([]);
          continue;
        }
        expect(sesStatements).toHaveLength(1);
        expect(sesStatements[0]!.actions).toEqual(['ses:SendRawEmail']);
        const resources = JSON.stringify(sesStatements[0]!.resources);
        expect(sesStatements[0]!.resources).toHaveLength(2);
        expect(resources).toContain(`":identity/",{"Ref":"${identity}"}`);
        expect(resources).toContain(`":configuration-set/",{"Ref":"${configurationSet}"}`);
      }
    });

    it('grants nothing on every resource', () => {
      for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          expect([statement.Resource].flat()).not.toContain('*');
          expect([statement.Action].flat().some((action: string) => action.endsWith(':*'))).toBe(false);
        }
      }
    });
  });

  describe('storage', () => {
    it('describes the table as shared/adapters/store/table.ts does', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: `skc-${defaults.stage}`,
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: tableDesign.index.name,
            KeySchema: [
              { AttributeName: tableDesign.index.partitionKey, KeyType: 'HASH' },
              { AttributeName: tableDesign.index.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ],
        TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
    });

    it('is on-demand, encrypted with the AWS-managed key, with point-in-time recovery and deletion protection', () => {
      // cdk-nag's PITR rule does not look at TableV2 (AWS::DynamoDB::GlobalTable), so this test does.
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      });
    });

    it('keeps the table when the stack is deleted or the table replaced', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  describe('jobs', () => {
    it('sends the digest every Monday at 07:00 Stockholm time, with retries and a dead-letter queue', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 7 ? * MON *)',
        ScheduleExpressionTimezone: 'Europe/Stockholm',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [idOf('digest'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
          DeadLetterConfig: { Arn: arnOf(synthesised.deployment.pipeline.jobs.digestDeadLetters) },
        },
      });
    });

    it('sweeps the outbox every 15 minutes, so mail the stream gave up on is still sent', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(15 minutes)',
        Target: { Arn: { 'Fn::GetAtt': [idOf('mailer'), 'Arn'] }, Input: JSON.stringify({ sweep: true }) },
      });
    });

    it('parks a digest that keeps failing in the dead-letter queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: idOf('digest') },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: arnOf(synthesised.deployment.pipeline.jobs.digestDeadLetters) },
        },
      });
    });

    it('feeds the mailer only inserted outbox items, with bounded retries and a dead-letter queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: idOf('mailer') },
        EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { Keys: { [tableDesign.partitionKey]: { S: [{ prefix: 'OUTBOX#' }] } } },
              }),
            },
          ],
        },
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: Match.anyValue(),
        DestinationConfig: {
          OnFailure: { Destination: arnOf(synthesised.deployment.pipeline.jobs.mailerDeadLetters) },
        },
      });
      const mapping = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'))[0]!;
      expect(mapping.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(mapping.Properties.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    });
  });

  describe('API', () => {
    it('wires exactly the routes of functions/routes.ts', () => {
      const inTemplate = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map(
        (route) => route.Properties.RouteKey,
      );
      expect(inTemplate.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    });

    it('sends every route to the function the route table names', () => {
      const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
      const byKey = new Map(
        Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((route) => {
          const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
          return [
            route.Properties.RouteKey,
            integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0],
          ];
        }),
      );
      for (const route of routes)
        expect(byKey.get(`${route.method} ${route.path}`)).toBe(idOf(route.function));
    });

    it('serves the contract paths from the $default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
    });

    it('throttles the stage, and the submit route below what its reserved concurrency carries', () => {
      const submitKeys = routes
        .filter((route) => route.function === 'submit')
        .map((route) => `${route.method} ${route.path}`);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        DefaultRouteSettings: {
          ThrottlingRateLimit: defaults.throttleRate,
          ThrottlingBurstLimit: defaults.throttleBurst,
        },
        RouteSettings: Object.fromEntries(
          submitKeys.map((key) => [
            key,
            { ThrottlingRateLimit: defaults.submitRate, ThrottlingBurstLimit: defaults.submitBurst },
          ]),
        ),
      });
      const submit = resourcesOf(template, 'AWS::Lambda::Function')[idOf('submit')]!;
      expect(submit.Properties.ReservedConcurrentExecutions).toBe(defaults.submitReservedConcurrency);
      expect(defaults.submitBurst).toBeLessThanOrEqual(submit.Properties.ReservedConcurrentExecutions);
    });

    it('writes access logs without client IP addresses', () => {
      const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!;
      const format: string = stage.Properties.AccessLogSettings.Format;
      expect(format).toContain('$context.requestId');
      expect(format).not.toMatch(/sourceIp|userAgent/);
    });

    it('allows no cross-origin calls when the API serves its own pages', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    });
  });

  describe('mail', () => {
    it('verifies the sender domain and sends through a configuration set that suppresses bounces and complaints', () => {
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: defaults.fromAddress.split('@')[1],
        ConfigurationSetAttributes: {
          ConfigurationSetName: { Ref: logicalIdOf(synthesised.deployment.pipeline.mail.configurationSet) },
        },
      });
      template.hasResourceProperties('AWS::SES::ConfigurationSet', {
        SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
        ReputationOptions: { ReputationMetricsEnabled: true },
      });
    });

    it('publishes bounce and complaint events', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: Match.objectLike({
          Enabled: true,
          MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
          CloudWatchDestination: Match.anyValue(),
        }),
      });
    });
  });

  describe('monitoring', () => {
    const alarms = () => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    const alarmOn = (metricName: string, dimension?: unknown) =>
      alarms().filter(
        (alarm) =>
          alarm.Properties.MetricName === metricName &&
          (dimension === undefined ||
            JSON.stringify(alarm.Properties.Dimensions ?? []).includes(JSON.stringify(dimension))),
      );

    it('alarms on errors and throttles of every function', () => {
      for (const name of functionNames) {
        expect(alarmOn('Errors', { Ref: idOf(name) })).toHaveLength(1);
        expect(alarmOn('Throttles', { Ref: idOf(name) })).toHaveLength(1);
      }
    });

    it('alarms when the digest fails or a dead-letter queue is not empty', () => {
      expect(alarmOn('Errors', { Ref: idOf('digest') })[0]?.Properties).toMatchObject({
        Threshold: 1,
        Statistic: 'Sum',
      });
      const { digestDeadLetters, mailerDeadLetters } = synthesised.deployment.pipeline.jobs;
      for (const queue of [digestDeadLetters, mailerDeadLetters]) {
        expect(
          alarmOn('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] }),
        ).toHaveLength(1);
      }
    });

    it('alarms on API 5xx', () => {
      expect(alarmOn('5xx', { Ref: logicalIdOf(synthesised.deployment.pipeline.api.httpApi) })).toHaveLength(
        1,
      );
    });

    it('alarms at half the SES review thresholds: bounces 2 %, complaints 0.05 %', () => {
      expect(alarmOn('Reputation.BounceRate')[0]?.Properties).toMatchObject({
        Namespace: 'AWS/SES',
        Threshold: bounceRateThreshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarmOn('Reputation.ComplaintRate')[0]?.Properties).toMatchObject({
        Namespace: 'AWS/SES',
        Threshold: complaintRateThreshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(bounceRateThreshold).toBe(0.02);
      expect(complaintRateThreshold).toBe(0.0005);
    });

    it('alarms on a single SES refusal of the sender or the account, and on an uncertain send', () => {
      for (const metricName of ['MailSenderRefused', 'MailUncertain']) {
        const [alarm, ...more] = alarmOn(metricName);
        expect(more).toHaveLength(0);
        expect(alarm?.Properties).toMatchObject({
          Namespace: 'skc-pilot',
          Dimensions: [{ Name: 'service', Value: 'skc-pilot' }],
          Threshold: 1,
        });
      }
    });

    it('notifies the alarm topic from every alarm', () => {
      const topic = logicalIdOf(synthesised.deployment.pipeline.monitoring.topic);
      expect(alarms().length).toBeGreaterThan(0);
      for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    });
  });
});
