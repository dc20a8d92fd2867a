/**
 * Where image bytes live: one private bucket for images and reference uploads, and one for its
 * server access logs. Both follow SECURITY A3: no public access, TLS only, encrypted, no ACLs,
 * and no old versions kept, so deleting an object really deletes it (ARCHITECTURE §7).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucketLifecycleRules, lifetimeDays } from '../../lambdas/domain/retention/data-classes';

/**
 * Key prefix of reference uploads and their validated copies (`uploads/<userId>/…`); anything left
 * there a day later was never used.
 */
export const uploadsPrefix = 'uploads/';

/** Key prefix of what a person keeps: generated images and kept references (`users/<userId>/…`). */
export const userImagesPrefix = 'users/';
/** Data exports: `exports/<userId>/<exportId>/` (the archive and its checkpoint). */
export const exportsPrefix = 'exports/';

export interface ImageBucketsProps {
  /** Keep both buckets when the stack is deleted (RETAIN) instead of deleting them (DESTROY). */
  readonly retainData: boolean;
  /**
   * Days a server access log line is kept.
   * @default lifetimeDays.s3AccessLogs (lambdas/domain/retention/data-classes.ts)
   */
  readonly accessLogRetentionDays?: number;
  /**
   * Web origins whose pages may POST presigned uploads to the images bucket and GET presigned
   * image URLs from script (the stage's `api.corsOrigins`). Native apps need no CORS.
   * @default - none: no CORS configuration at all
   */
  readonly corsOrigins?: readonly string[];
}

/** The settings every Pictor bucket shares. */
function privateBucketProps(removalPolicy: RemovalPolicy): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    // SSE-S3: the only encryption S3 server access logging can deliver into, and enough for
    // images (no per-key access policy is needed beyond the bucket's).
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: false,
    // DESTROY without autoDeleteObjects: emptying a dev bucket is a manual step, which avoids
    // a custom-resource Lambda with delete rights on the bucket.
    removalPolicy,
  };
}

/**
 * Presigned URLs authorize each request by themselves; CORS only lets a browser page on the
 * stage's own origins read the response. POST is the presigned-POST upload (a multipart form, so
 * no preflight and no extra headers to allow); GET is downloading a presigned image URL.
 */
function browserCorsRules(origins: readonly string[]): s3.CorsRule[] | undefined {
  if (origins.length === 0) return undefined;
  return [{ allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET], allowedOrigins: [...origins] }];
}

export class ImageBuckets extends Construct {
  public readonly imagesBucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ImageBucketsProps) {
    super(scope, id);
    // Let S3 log delivery write through a bucket policy instead of the LogDeliveryWrite ACL,
    // which ACL-less (BucketOwnerEnforced) buckets refuse. Scoped to this construct because
    // cdk.json carries no feature flags; it is the default in new CDK projects.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Not itself logged: cdk-nag (S1) accepts a bucket that is another bucket's log destination.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...privateBucketProps(removalPolicy),
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(props.accessLogRetentionDays ?? lifetimeDays.s3AccessLogs),
        },
      ],
    });

    this.imagesBucket = new s3.Bucket(this, 'ImagesBucket', {
      ...privateBucketProps(removalPolicy),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'images/',
      lifecycleRules: [
        { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Raw uploads no conversation picked up, export ZIPs: each prefix's lifetime is its data class's.
        ...bucketLifecycleRules().map(({ id, prefix, days }) => ({ id, prefix, expiration: Duration.days(days) })),
      ],
      cors: browserCorsRules(props.corsOrigins ?? []),
    });
  }
}
