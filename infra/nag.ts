/**
 * cdk-nag acknowledgements. Each one names one rule (IAM wildcards: one finding) and says why it
 * is right here; they sit next to the resource they excuse, so a reader sees both together.
 */
import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: rule, reason });
}

/** The AwsSolutions-IAM5 finding for a wildcard below a resource's ARN, such as `<Table.Arn>/index/*`. */
export function arnWildcardFinding(resource: IConstruct, suffix: string): string {
  const cfn = resource.node.defaultChild as CfnResource;
  return `AwsSolutions-IAM5[Resource::<${Stack.of(cfn).resolve(cfn.logicalId)}.Arn>${suffix}]`;
}
