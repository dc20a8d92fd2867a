/**
 * One row of lib/workers.ts in AWS: an encrypted, TLS-only queue with a dead-letter queue, the
 * worker function fed by it (partial batch failures), and alarms on both queues (SECURITY H3).
 * What the worker may touch is granted by the stack from the row's `table` and `uses`, exactly as
 * for routes.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { acknowledgeDeadLetterQueue, acknowledgeQueueWorker } from '../nag-acknowledgements';
import type { WorkerDefinition } from '../workers';
import { imageProviderBundling } from './lambda-defaults';
import { PictorFunction } from './pictor-function';

/**
 * AWS's advice for SQS event sources: a visibility timeout of at least six times the function
 * timeout, so a message is not handed out again while Lambda is still retrying a throttled batch.
 */
export const visibilityTimeoutPerFunctionTimeout = 6;

/** Long enough to ride out a worker outage over a weekend; the backlog alarm fires long before. */
export const queueRetention = Duration.days(4);

/**
 * The SQS maximum. A message keeps its original enqueue time when it is dead-lettered, so this
 * leaves about ten days to fix the cause and redrive.
 */
export const deadLetterRetention = Duration.days(14);

export interface QueueWorkerProps {
  readonly definition: WorkerDefinition;
  /** The stage settings the worker's logs follow, and the image provider its bundle is built for. */
  readonly stage: Pick<StageConfig, 'logRetentionDays' | 'retainData' | 'images'>;
  /** Where both alarms send their notifications. */
  readonly alarmTopic: ITopic;
}

export class QueueWorker extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly handler: PictorFunction;
  /** Fires on the first dead-lettered job. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** Fires when the oldest job is older than all its deliveries could take: the queue is not being drained. */
  public readonly backlogAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    const { definition } = props;
    const visibilityTimeout = Duration.seconds(definition.timeoutSeconds * visibilityTimeoutPerFunctionTimeout);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention,
    });
    acknowledgeDeadLetterQueue(this.deadLetterQueue);

    this.queue = new sqs.Queue(this, 'Queue', {
      // SQS-managed keys: senders need no KMS permission, and jobs hold ids, not content.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: queueRetention,
      visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });

    this.handler = new PictorFunction(this, 'Handler', {
      entry: definition.entry,
      stage: props.stage,
      description: `${definition.id}: consumes its SQS queue`,
      timeoutSeconds: definition.timeoutSeconds,
      memorySizeMb: definition.memorySizeMb,
      // A worker that runs an image model ships only its stage's provider (the painter stays out of a Bedrock stage).
      ...(definition.uses.includes('invokeImageModels') ? imageProviderBundling(props.stage.images.provider) : {}),
    });
    // The worker postpones a failed job's retry with ChangeMessageVisibility on its own queue
    // (granted by the event source), which needs the queue's URL.
    this.handler.addEnvironment(definition.queueUrlEnv, this.queue.queueUrl);
    if (definition.maxAttemptsEnv) {
      this.handler.addEnvironment(definition.maxAttemptsEnv, String(definition.maxReceiveCount));
    }

    const eventSource = new SqsEventSource(this.queue, {
      batchSize: definition.batchSize,
      // The handler answers which records failed; only those are retried, not the whole batch.
      reportBatchItemFailures: true,
    });
    this.handler.function.addEventSource(eventSource);
    const mapping = this.handler.function.node.children.find((c) => c instanceof EventSourceMapping);
    if (!mapping) throw new Error(`${definition.id}: the SQS event source created no event source mapping`);
    acknowledgeQueueWorker(this.handler.function, mapping);

    const alarmAction = new SnsAction(props.alarmTopic);
    this.deadLetterAlarm = this.deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, 'DeadLetterAlarm', {
        alarmDescription:
          `${definition.id}: a job failed ${definition.maxReceiveCount} deliveries and waits in the dead-letter ` +
          `queue. ` +
          'Read the worker logs for the cause, fix it, then redrive the dead-letter queue to the source queue.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.deadLetterAlarm.addAlarmAction(alarmAction);

    // A healthy queue never holds a job longer than all its deliveries can take; older means the
    // worker is not consuming (throttled, failing to start, event source disabled).
    const longestHealthyAge = visibilityTimeout.toSeconds() * definition.maxReceiveCount;
    this.backlogAlarm = this.queue
      .metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, 'BacklogAlarm', {
        alarmDescription:
          `${definition.id}: the oldest job has waited over ${longestHealthyAge} s, longer than all its deliveries ` +
          'could take. Check the worker for throttling, errors at start-up or a disabled event source.',
        threshold: longestHealthyAge,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.backlogAlarm.addAlarmAction(alarmAction);
  }
}
