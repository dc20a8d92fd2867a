/**
 * Every price the cost model (./model.ts) uses, in one place: AWS's published on-demand prices
 * for us-east-1, first tier, free tiers ignored (they are per account, not per generation).
 * Taken from the pricing pages below as they stood on 2026-12-03 (this machine has no network to
 * re-read them: check them there before relying on a figure). PERFORMANCE.md's table agrees for
 * API Gateway, DynamoDB and Step Functions.
 */

export interface Price {
  /** Dollars per `per` units. */
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
}

const checked = '2026-12-03';
const page = (path: string) => `https://aws.amazon.com/${path}/pricing/ (us-east-1, as of ${checked})`;

export const prices = {
  httpApiRequest: {
    usd: 1.0,
    per: 1e6,
    unit: 'HTTP API request (each 512 KB)',
    source: page('api-gateway'),
  },
  lambdaRequest: { usd: 0.2, per: 1e6, unit: 'Lambda request', source: page('lambda') },
  /** Every Pictor function runs on arm64 (lib/constructs/pictor-function.ts). */
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'GB-second, arm64 (billed per 1 ms; the Init phase too, since 2025-08-01)',
    source: page('lambda'),
  },
  dynamoWriteUnit: {
    usd: 0.625,
    per: 1e6,
    unit: 'on-demand write request unit (1 KB; transactional writes 2)',
    source: page('dynamodb'),
  },
  dynamoReadUnit: {
    usd: 0.125,
    per: 1e6,
    unit: 'on-demand read request unit (4 KB strongly consistent; eventually consistent 0.5; transactional 2)',
    source: page('dynamodb'),
  },
  sqsRequest: {
    usd: 0.4,
    per: 1e6,
    unit: 'SQS standard request (each 64 KB chunk of payload)',
    source: page('sqs'),
  },
  s3PutCopyPostList: {
    usd: 0.005,
    per: 1000,
    unit: 'S3 Standard PUT, COPY, POST or LIST request',
    source: page('s3'),
  },
  s3GetHead: { usd: 0.0004, per: 1000, unit: 'S3 Standard GET or HEAD request', source: page('s3') },
  /** DELETE and CANCEL requests are free; DeleteObjects is priced as deletes. */
  s3Delete: { usd: 0, per: 1000, unit: 'S3 DELETE request', source: page('s3') },
  s3StorageGbMonth: { usd: 0.023, per: 1, unit: 'S3 Standard GB-month (first 50 TB)', source: page('s3') },
  stepFunctionsTransition: {
    usd: 0.025,
    per: 1000,
    unit: 'Step Functions Standard state transition (retries included)',
    source: page('step-functions'),
  },
  logsIngestionGb: {
    usd: 0.5,
    per: 1,
    unit: 'CloudWatch Logs ingestion, Standard log class, per GB',
    source: page('cloudwatch'),
  },
  xrayTraceRecorded: { usd: 5.0, per: 1e6, unit: 'X-Ray trace recorded', source: page('xray') },
} as const satisfies Record<string, Price>;

/** Dollars for `quantity` units at `price`. */
export function cost(price: Price, quantity: number): number {
  return (price.usd / price.per) * quantity;
}
