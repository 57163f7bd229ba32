/**
 * The HTTP API: every route of the route table (`functions/routes.ts`) on one `$default` stage,
 * so paths are the contract's paths with no stage prefix. Throttling answers a flood with 429
 * before it reaches Lambda; the submit route is throttled tighter, under what the submit
 * function's reserved concurrency carries (a Lambda throttle would surface as a 5xx).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
  type HttpRoute,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes, type FunctionName } from '../../functions/routes.ts';
import type { CustomDomain } from '../config.ts';
import { acknowledge } from '../nag.ts';

export type ApiProps = {
  functions: Record<FunctionName, IFunction>;
  throttle: Required<ThrottleSettings>;
  /** Tighter limits for every route of these functions. */
  routeThrottles: Partial<Record<FunctionName, Required<ThrottleSettings>>>;
  /** The only origin a browser may call the API from; none when the API serves its own pages. */
  corsOrigin?: string;
  /** A custom domain on the API itself; the execute-api URL is then switched off. */
  domain?: CustomDomain;
  logRetention: RetentionDays;
};

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly domainName?: DomainName;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'skc-pilot: surveys, hosted forms and submissions',
      createDefaultStage: false,
      disableExecuteApiEndpoint: Boolean(props.domain),
      ...(props.corsOrigin && {
        corsPreflight: {
          allowOrigins: [props.corsOrigin],
          allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
          allowHeaders: ['content-type'],
          maxAge: Duration.days(1),
        },
      }),
    });

    if (props.domain) {
      this.domainName = new DomainName(this, 'DomainName', {
        domainName: props.domain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      ...(this.domainName && { domainMapping: { domainName: this.domainName } }),
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Deliberately without the source IP or user agent: no IP addresses are stored (design.md).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const throttledRoutes: HttpRoute[] = [];
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.function}Integration`,
          props.functions[route.function],
        );
        integrations.set(route.function, integration);
      }
      const throttle = props.routeThrottles[route.function];
      const methods = [HttpMethod[route.method]];
      for (const added of this.httpApi.addRoutes({ path: route.path, methods, integration })) {
        acknowledge(
          added,
          'AwsSolutions-APIG4',
          'Public by the contract: anyone may read the surveys and answer the open one; invite surveys are authorised by the personal token, checked in the handler (403 page or JSON).',
        );
        if (throttle) {
          routeSettings[`${route.method} ${route.path}`] = {
            ThrottlingRateLimit: throttle.rateLimit,
            ThrottlingBurstLimit: throttle.burstLimit,
          };
          throttledRoutes.push(added);
        }
      }
    }

    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings;
    // Route settings name routes by key; the routes must exist before the stage refers to them.
    for (const route of throttledRoutes) cfnStage.node.addDependency(route);
  }

  /** The URL clients use: the custom domain when there is one. */
  get url(): string {
    return this.domainName ? `https://${this.domainName.name}` : this.httpApi.apiEndpoint;
  }
}
