/**
 * The data stack: table settings, bucket posture (SECURITY A3), retention per stage, and logical
 * IDs that never change.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { tableDesign } from '../../lambdas/adapters/dynamodb/table-design';
import { statefulLogicalIds } from '../../lib/stateful-stack';
import { resourcesOfType, synthDev, synthFull, synthPictor } from '../support/synth';

const dev = synthDev();
const full = synthFull();

describe.each([
  ['dev (retainData false)', dev],
  ['full (retainData true)', full],
])('stateful resources in %s', (_name, synth) => {
  it('keeps the pinned logical IDs of the table, buckets, user pool and app client', () => {
    const expected: Record<keyof typeof statefulLogicalIds, string> = {
      table: 'AWS::DynamoDB::Table',
      imagesBucket: 'AWS::S3::Bucket',
      accessLogsBucket: 'AWS::S3::Bucket',
      userPool: 'AWS::Cognito::UserPool',
      userPoolClient: 'AWS::Cognito::UserPoolClient',
    };
    const resources = synth.stateful.toJSON().Resources as Record<string, { Type: string }>;
    for (const [key, type] of Object.entries(expected)) {
      const logicalId = statefulLogicalIds[key as keyof typeof statefulLogicalIds];
      expect({ logicalId, type: resources[logicalId]?.Type }).toEqual({ logicalId, type });
    }
    // The values themselves are part of the contract with deployed stacks.
    expect(statefulLogicalIds).toEqual({
      table: 'PictorTable',
      imagesBucket: 'ImagesBucket',
      accessLogsBucket: 'AccessLogsBucket',
      userPool: 'UserPool',
      userPoolClient: 'UserPoolAppClient',
    });
  });

  it('builds the single table from the shared table design', () => {
    synth.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          // Sparse, keys only: the sweeper needs nothing else, and every other write skips it.
          IndexName: 'outbox',
          KeySchema: [
            { AttributeName: 'outboxPk', KeyType: 'HASH' },
            { AttributeName: 'outboxSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          // Sparse: only favorited images, with everything the favorites page shows (issue 11, part A).
          IndexName: 'favorites',
          KeySchema: [
            { AttributeName: 'favoritesPk', KeyType: 'HASH' },
            { AttributeName: 'favoritesSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          // Sparse: only open reports carry its keys; the queue shows them without another read.
          IndexName: 'moderationQueue',
          KeySchema: [
            { AttributeName: 'queuePk', KeyType: 'HASH' },
            { AttributeName: 'queueSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('blocks every kind of public access and ACLs on both buckets', () => {
    const buckets = resourcesOfType(synth.stateful, 'AWS::S3::Bucket');
    expect(Object.keys(buckets).sort()).toEqual(['AccessLogsBucket', 'ImagesBucket']);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      // No versioning: a deleted image must not survive as an old version.
      expect(bucket.Properties!.VersioningConfiguration).toBeUndefined();
      expect(bucket.Properties!.AccessControl).toBeUndefined();
    }
  });

  it('refuses any request to either bucket that does not use TLS', () => {
    for (const bucket of ['ImagesBucket', 'AccessLogsBucket']) {
      synth.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('aborts stale multipart uploads and expires raw uploads after a day and exports after their lifetime', () => {
    synth.stateful.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogsBucket' }, LogFilePrefix: 'images/' },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'AbortIncompleteMultipartUploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
          { Id: 'ExpireUnreferencedUploads', Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 1 },
          // The retention module's exports class (lambdas/domain/retention/data-classes.ts).
          { Id: 'ExpireExports', Status: 'Enabled', Prefix: 'exports/', ExpirationInDays: 7 },
        ],
      },
    });
  });

  it('expires server access logs after 90 days and lets only S3 log delivery write them', () => {
    const logsBucket = resourcesOfType(synth.stateful, 'AWS::S3::Bucket').AccessLogsBucket;
    expect(logsBucket.Properties!.LifecycleConfiguration).toEqual({
      Rules: [{ Id: 'ExpireAccessLogs', Status: 'Enabled', ExpirationInDays: 90 }],
    });
    synth.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'AccessLogsBucket' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['ImagesBucket', 'Arn'] } } }),
          }),
        ]),
      },
    });
  });
});

describe('images bucket CORS', () => {
  const imagesBucket = (synth: typeof dev) => resourcesOfType(synth.stateful, 'AWS::S3::Bucket').ImagesBucket;

  it.each([
    ['dev', dev],
    ['full', full],
  ])('lets the %s stage web origins POST presigned uploads and GET presigned images, nothing else', (_name, synth) => {
    expect(synth.config.api.corsOrigins.length).toBeGreaterThan(0);
    expect(imagesBucket(synth).Properties!.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedMethods: ['POST', 'GET'], AllowedOrigins: synth.config.api.corsOrigins }],
    });
  });

  it('has no CORS configuration when the stage lists no origins', () => {
    const prod = synthPictor('prod');
    expect(prod.config.api.corsOrigins).toEqual([]);
    expect(imagesBucket(prod).Properties!.CorsConfiguration).toBeUndefined();
  });

  it('leaves the access logs bucket without CORS', () => {
    expect(
      resourcesOfType(full.stateful, 'AWS::S3::Bucket').AccessLogsBucket.Properties!.CorsConfiguration,
    ).toBeUndefined();
  });
});

describe('data retention per stage', () => {
  const dataResources = ['PictorTable', 'ImagesBucket', 'AccessLogsBucket', 'UserPool'];
  const resources = (synth: typeof dev) => synth.stateful.toJSON().Resources as Record<string, any>;

  it('retains data and turns deletion protection on when the stage retains data', () => {
    for (const id of dataResources)
      expect({ id, policy: resources(full)[id].DeletionPolicy }).toEqual({ id, policy: 'Retain' });
    expect(resources(full).PictorTable.Properties.DeletionProtectionEnabled).toBe(true);
    expect(resources(full).UserPool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(full.stacks.stateful.terminationProtection).toBe(true);
  });

  it('deletes data with the stack in a throwaway development stage', () => {
    for (const id of dataResources)
      expect({ id, policy: resources(dev)[id].DeletionPolicy }).toEqual({ id, policy: 'Delete' });
    expect(resources(dev).PictorTable.Properties.DeletionProtectionEnabled).toBe(false);
    expect(resources(dev).UserPool.Properties.DeletionProtection).toBe('INACTIVE');
    expect(dev.stacks.stateful.terminationProtection).toBe(false);
  });

  it('never adds an auto-delete custom resource (no Lambda in the stateful stack)', () => {
    for (const synth of [dev, full]) {
      synth.stateful.resourceCountIs('AWS::Lambda::Function', 0);
      synth.stateful.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    }
  });
});
