/**
 * The optional per-client limit (`-c edge=true`): an HTTP API has no WAF of its own, so a
 * CloudFront distribution with a WAF web ACL goes in front of it. Both live in us-east-1, where
 * CloudFront's WAF and certificates must be. The ACL answers 429, never 5xx, to a client (by IP)
 * that submits or requests too often, and drops sources on AWS's IP reputation list.
 *
 * The execute-api URL stays reachable behind CloudFront's back (it is not published anywhere),
 * and the stage throttling and reserved concurrency in the pipeline stack still bound it.
 */
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
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
import type { CustomDomain } from './config.ts';
import { acknowledge } from './nag.ts';

export type EdgeStackProps = StackProps & {
  /** The HTTP API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com`. */
  apiEndpoint: string;
  /** Requests per client IP and 5 minutes: POSTs (submissions), and everything. */
  submitLimit: number;
  requestLimit: number;
  domain?: CustomDomain;
};

export class EdgeStack extends Stack {
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;

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
        }),
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

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}
