/**
 * The optional per-client limit (`-c edge=true`): an HTTP API has no WAF of its own, so a
 * CloudFront distribution with a WAF web ACL goes in front of it. Both live in us-east-1, where
 * CloudFront's WAF and certificates must be. The ACL answers 429, never 5xx, to a client (by IP)
 * that submits or requests too often, and drops sources on AWS's IP reputation list.
 *
 * CloudFront adds a secret header to every request it forwards, and the API's functions answer
 * 403 to requests without it, so the execute-api URL does not bypass the WAF. A CloudFront
 * function refuses bodies over the contract's 256 KiB at the edge.
 */
import { CfnOutput, Fn, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../functions/http.ts';
import { MAX_BODY_BYTES } from '../shared/core/body.ts';
import { problems } from '../shared/core/problem.ts';
import type { CustomDomain } from './config.ts';
import { acknowledge } from './nag.ts';

export type EdgeStackProps = StackProps & {
  /** The HTTP API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com`. */
  apiEndpoint: string;
  /** Requests per client IP and 5 minutes: POSTs (submissions), and everything. */
  submitLimit: number;
  requestLimit: number;
  /** The Secrets Manager secret (replicated to us-east-1) whose value CloudFront sends as the origin header. */
  originSecretName: string;
  domain?: CustomDomain;
};

export class EdgeStack extends Stack {
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;
  readonly bodySizeLimit: CloudFrontFunction;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);

    const tooManyRequests = { block: { customResponse: { responseCode: 429 } } };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'skc-pilot: per-client rate limits in front of the forms',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('skc-pilot-edge'),
      rules: [
        {
          name: 'SubmissionsPerClient',
          priority: 0,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.submitLimit,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { method: {} },
                  positionalConstraint: 'EXACTLY',
                  searchString: 'POST',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('SubmissionsPerClient'),
        },
        {
          name: 'RequestsPerClient',
          priority: 1,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.requestLimit,
            },
          },
          visibilityConfig: visibility('RequestsPerClient'),
        },
        {
          name: 'AmazonIpReputationList',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          visibilityConfig: visibility('AmazonIpReputationList'),
        },
      ],
    });

    // A CloudFront function, not the WAF: WAF inspects at most the first 64 KiB of a body (16 KiB by
    // default) and a size constraint on the Content-Length header measures the header's text, not
    // its number; the function compares the number, so a body over the contract's limit is a 413
    // here and never reaches Lambda's 6 MB limit (a 500). A body without Content-Length (chunked)
    // passes, and the function's own 413 still counts its bytes.
    this.bodySizeLimit = new CloudFrontFunction(this, 'BodySizeLimit', {
      comment: `skc-pilot: 413 for a body over ${MAX_BODY_BYTES / 1024} KiB`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(bodySizeLimitCode(MAX_BODY_BYTES)),
    });

    // `https://<host>/` → `<host>`; the API lives in another region, so this is a cross-region reference.
    const apiHost = Fn.select(2, Fn.split('/', props.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'skc-pilot forms and API',
      webAclId: this.webAcl.attrArn,
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.domain && {
        domainNames: [props.domain.name],
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      }),
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          // Resolved by CloudFormation at deploy: the template holds a reference, not the value.
          // A viewer's own header of this name is replaced by CloudFront's.
          customHeaders: {
            [ORIGIN_SECRET_HEADER]: SecretValue.secretsManager(props.originSecretName).unsafeUnwrap(),
          },
        }),
        functionAssociations: [{ function: this.bodySizeLimit, eventType: FunctionEventType.VIEWER_REQUEST }],
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Every answer is personal or fresh (forms carry tokens, pages say `no-store`): never cache.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // API Gateway routes on its own Host header; everything else the viewer sent goes through.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: answers come from Swedish organisations, but staff travel and the open application must stay reachable; the WAF rate limits carry abuse.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'No CloudFront access logs: they would store client IP addresses, which the design rules out; WAF metrics and the API access log (without IPs) cover operations.',
    );
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose policy cannot be raised; set domainName and certificateArn to get TLSv1.2_2021.',
      );
    }

    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: props.domain
        ? `DNS: ${props.domain.name} CNAME this`
        : 'Deploy again with -c publicUrl=https://<this>, so emailed links go through CloudFront',
    });
  }
}

/** The viewer-request function: the contract's 413 body (by `?lang=en`) for a body over `limit`. */
function bodySizeLimitCode(limit: number): string {
  const problem = problems.tooLarge(limit);
  const bodies = { sv: JSON.stringify(problem.body('sv')), en: JSON.stringify(problem.body('en')) };
  // The function's source stays ASCII: å, ä and ö travel as \u escapes inside the strings.
  const ascii = JSON.stringify(bodies).replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `var LIMIT = ${limit};
var BODIES = ${ascii};
function handler(event) {
  var request = event.request;
  var length = request.headers['content-length'];
  if (!length || !(Number(length.value) > LIMIT)) return request;
  var lang = request.querystring.lang && request.querystring.lang.value === 'en' ? 'en' : 'sv';
  return {
    statusCode: 413,
    statusDescription: 'Payload Too Large',
    headers: {
      'content-type': { value: 'application/json; charset=utf-8' },
      'cache-control': { value: 'no-store' },
      'x-content-type-options': { value: 'nosniff' }
    },
    body: { encoding: 'text', data: BODIES[lang] }
  };
}
`;
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}
