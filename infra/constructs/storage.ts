/**
 * The one DynamoDB table, built from the same description the local runtime uses
 * (`shared/adapters/store/table.ts`), so keys, index and TTL cannot drift between laptop and AWS.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { table as design } from '../../shared/adapters/store/table.ts';

export type StorageProps = { tableName: string };

export class Storage extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
      sortKey: { name: design.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: design.index.name,
          partitionKey: { name: design.index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: design.index.sortKey, type: AttributeType.STRING },
        },
      ],
      timeToLiveAttribute: design.ttlAttribute,
      billing: Billing.onDemand(),
      // The outbox is read from the stream; the mailer needs the new item, never the old one.
      dynamoStream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb): every use is in CloudTrail and there is no key to administer.
      // A customer key would only add value for cross-account access or revoking access apart from
      // IAM, which this pilot does not need; erasure deletes items rather than destroying a key.
      encryption: TableEncryptionV2.awsManagedKey(),
    });
  }
}
