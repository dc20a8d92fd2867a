/**
 * GetQueueAttributes for a local queue: the counts by state, and the settings the CDK stack
 * gives the real queue (visibility timeout six times the worker's timeout) or SQS defaults.
 */
import { maxMessageBytes } from './message-input';
import { sqsErrors } from './sqs-errors';

/** SQS's default retention (4 days), reported as is; messages do not expire locally. */
const retentionSeconds = 345_600;

/** Names GetQueueAttributes accepts; those a local queue has no value for are left out, as in SQS. */
const knownAttributeNames = new Set([
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
]);

export interface QueueFacts {
  arn: string;
  createdAt: number;
  visibilityTimeoutSeconds: number;
  visible: number;
  notVisible: number;
  delayed: number;
}

/** The requested attributes (`All` for every one); none when none are asked for, as in SQS. */
export function queueAttributes(facts: QueueFacts, names: readonly string[]): Record<string, string> {
  for (const name of names) if (!knownAttributeNames.has(name)) throw sqsErrors.invalidAttributeName(name);
  const seconds = String(Math.floor(facts.createdAt / 1000));
  const all: Record<string, string> = {
    QueueArn: facts.arn,
    ApproximateNumberOfMessages: String(facts.visible),
    ApproximateNumberOfMessagesNotVisible: String(facts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(facts.delayed),
    CreatedTimestamp: seconds,
    LastModifiedTimestamp: seconds,
    VisibilityTimeout: String(facts.visibilityTimeoutSeconds),
    MaximumMessageSize: String(maxMessageBytes),
    MessageRetentionPeriod: String(retentionSeconds),
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  };
  if (names.includes('All')) return all;
  return Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]]));
}
