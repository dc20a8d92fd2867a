/**
 * Everything that holds data: the table, the image buckets and the user pool. Kept apart from the
 * stateless stacks so that redeploying or even deleting the API never touches data, and with
 * pinned logical IDs so that refactoring the construct tree can never make CloudFormation replace
 * (and so empty) a table, a bucket or the user directory.
 */
import { CfnOutput, CfnResource, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct, IConstruct } from 'constructs';
import { tableDesign } from '../lambdas/adapters/dynamodb/table-design';
import type { StageConfig } from './config/stage-config';
import { ImageBuckets } from './constructs/image-buckets';
import { UserDirectory } from './constructs/user-directory';
import { acknowledgeUnrotatedHashKey } from './nag-acknowledgements';

/**
 * Logical IDs of the stateful resources. Changing one replaces the resource: never edit these
 * (the infra tests pin them).
 */
export const statefulLogicalIds = {
  table: 'PictorTable',
  imagesBucket: 'ImagesBucket',
  accessLogsBucket: 'AccessLogsBucket',
  userPool: 'UserPool',
  userPoolClient: 'UserPoolAppClient',
} as const;

export interface StatefulStackProps extends StackProps {
  /** The validated stage configuration. */
  readonly config: StageConfig;
}

export class StatefulStack extends Stack {
  public readonly table: dynamodb.Table;
  public readonly bucket: s3.Bucket;
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly userPoolDomain: cognito.UserPoolDomain;
  /**
   * The key of the keyed hash that stands in for a user id in retained records and deletion
   * receipts (docs/retention.md). Stateful: a new key would make every existing receipt
   * unfindable by user id, so it is generated once and kept like the data it indexes.
   */
  public readonly userIdHashKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      // AWS-owned key: no KMS cost or key policy to manage; the data is encrypted at rest either way.
      encryption: dynamodb.TableEncryption.DEFAULT,
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of tableDesign.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY,
      });
    }

    const buckets = new ImageBuckets(this, 'Storage', {
      retainData: config.retainData,
      corsOrigins: config.api.corsOrigins,
    });
    this.bucket = buckets.imagesBucket;

    const users = new UserDirectory(this, 'Users', { stage: config });
    this.userPool = users.userPool;
    this.userPoolClient = users.userPoolClient;
    this.userPoolDomain = users.domain;

    this.userIdHashKey = new secretsmanager.Secret(this, 'UserIdHashKey', {
      description: `Pictor ${config.name}: HMAC key for user ids in retained records and deletion receipts`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledgeUnrotatedHashKey(this.userIdHashKey);

    pinLogicalId(this.table, statefulLogicalIds.table);
    pinLogicalId(buckets.imagesBucket, statefulLogicalIds.imagesBucket);
    pinLogicalId(buckets.accessLogsBucket, statefulLogicalIds.accessLogsBucket);
    pinLogicalId(this.userPool, statefulLogicalIds.userPool);
    // Apps ship the client id; a replaced client would sign every installed app out.
    pinLogicalId(this.userPoolClient, statefulLogicalIds.userPoolClient);

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'ManagedLoginDomain', { value: this.userPoolDomain.baseUrl() });
  }
}

function pinLogicalId(construct: IConstruct, logicalId: string): void {
  const resource = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(resource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource to pin`);
  }
  resource.overrideLogicalId(logicalId);
}
