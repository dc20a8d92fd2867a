/**
 * Every row of lib/workers.ts as deployed: an encrypted, TLS-only queue with a dead-letter queue
 * and the table's maxReceiveCount, a visibility timeout six times the function timeout, an event
 * source that reports partial batch failures, and alarms that reach the alarm topic (SECURITY H3).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { workers } from '../../lib/workers';
import { resourcesOfType, synthDev, synthFull, type SynthesizedPictor, type TemplateResource } from '../support/synth';
import { logicalIdOf } from './function-grants';

const dev = synthDev();
const full = synthFull();

const days = (n: number) => n * 24 * 60 * 60;

function workerResources(synth: SynthesizedPictor) {
  return workers.map((definition) => {
    const worker = synth.stacks.api.workers.get(definition.id)!;
    return {
      definition,
      queueId: logicalIdOf(synth, worker.queue),
      deadLetterQueueId: logicalIdOf(synth, worker.deadLetterQueue),
      functionId: logicalIdOf(synth, worker.handler.function),
    };
  });
}

const alarmTopicId = (synth: SynthesizedPictor) => logicalIdOf(synth, synth.stacks.api.alarms.topic);

describe.each([
  ['dev', dev],
  ['full', full],
])('worker queues in %s', (_name, synth) => {
  const queues = resourcesOfType(synth.api, 'AWS::SQS::Queue');
  const alarms = Object.values(resourcesOfType(synth.api, 'AWS::CloudWatch::Alarm'));

  it.each(workerResources(synth))(
    'feeds $definition.id from an encrypted queue that dead-letters after maxReceiveCount',
    (w) => {
      const fn = resourcesOfType(synth.api, 'AWS::Lambda::Function')[w.functionId];
      expect(queues[w.queueId].Properties).toEqual(
        expect.objectContaining({
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: days(4),
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': [w.deadLetterQueueId, 'Arn'] },
            maxReceiveCount: w.definition.maxReceiveCount,
          },
          // AWS's advice for SQS event sources; read from the deployed function, not the table.
          VisibilityTimeout: 6 * fn.Properties!.Timeout,
        }),
      );
      expect(queues[w.deadLetterQueueId].Properties).toEqual(
        expect.objectContaining({ SqsManagedSseEnabled: true, MessageRetentionPeriod: days(14) }),
      );
      expect(queues[w.deadLetterQueueId].Properties!.RedrivePolicy).toBeUndefined();
    },
  );

  it('has no queue without a dead-letter queue, other than the dead-letter queues themselves', () => {
    const deadLetterIds = Object.values(queues)
      .map((q) => q.Properties!.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0])
      .filter(Boolean);
    for (const [id, queue] of Object.entries(queues)) {
      expect({ id, dlq: !!queue.Properties!.RedrivePolicy || deadLetterIds.includes(id) }).toEqual({ id, dlq: true });
    }
    expect(Object.keys(queues)).toHaveLength(2 * workers.length);
  });

  it('refuses any request to any queue that does not use TLS', () => {
    const policies = Object.values(resourcesOfType(synth.api, 'AWS::SQS::QueuePolicy'));
    for (const queueId of Object.keys(queues)) {
      const policy = policies.find((p) =>
        p.Properties!.Queues.some((q: unknown) => JSON.stringify(q) === JSON.stringify({ Ref: queueId })),
      );
      expect({ queueId, statements: policy?.Properties?.PolicyDocument.Statement }).toEqual({
        queueId,
        statements: expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      });
    }
  });

  it.each(workerResources(synth))(
    'invokes $definition.id with its batch size and partial batch failure reporting',
    (w) => {
      const mappings = Object.values(resourcesOfType(synth.api, 'AWS::Lambda::EventSourceMapping')).filter(
        (m) => m.Properties!.FunctionName.Ref === w.functionId,
      );
      expect(mappings.map((m) => m.Properties)).toEqual([
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': [w.queueId, 'Arn'] },
          BatchSize: w.definition.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      ]);
    },
  );

  it('alarms on the first message in every dead-letter queue, to the alarm topic', () => {
    const deadLetterIds = Object.values(queues)
      .map((q) => q.Properties!.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0])
      .filter(Boolean) as string[];
    expect(deadLetterIds).toHaveLength(workers.length);
    for (const id of deadLetterIds) {
      const onQueue = alarms.filter(
        (a) =>
          JSON.stringify(a.Properties!.Dimensions) ===
          JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]),
      );
      expect({ id, alarms: onQueue.map((a) => a.Properties) }).toEqual({
        id,
        alarms: [
          expect.objectContaining({
            Namespace: 'AWS/SQS',
            MetricName: 'ApproximateNumberOfMessagesVisible',
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            Threshold: 1,
            AlarmActions: [{ Ref: alarmTopicId(synth) }],
          }),
        ],
      });
    }
  });

  it.each(workerResources(synth))('alarms when the oldest $definition.id job outlives all its deliveries', (w) => {
    const visibilityTimeout = queues[w.queueId].Properties!.VisibilityTimeout as number;
    expect(alarms.map((a) => a.Properties)).toContainEqual(
      expect.objectContaining({
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [w.queueId, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: visibilityTimeout * w.definition.maxReceiveCount,
        AlarmActions: [{ Ref: alarmTopicId(synth) }],
      }),
    );
  });

  it('gives every alarm an action', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties!.AlarmActions).toEqual([{ Ref: alarmTopicId(synth) }]);
  });
});

describe('alarm topic', () => {
  const topicOf = (synth: SynthesizedPictor) => resourcesOfType(synth.api, 'AWS::SNS::Topic')[alarmTopicId(synth)];
  const keyId = (synth: SynthesizedPictor) => logicalIdOf(synth, synth.stacks.api.alarms.key);

  it.each([
    ['dev', dev],
    ['full', full],
  ])('is encrypted with a rotated key CloudWatch may use, and TLS-only, in %s', (_name, synth) => {
    expect(topicOf(synth).Properties!.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId(synth), 'Arn'] });
    const key = resourcesOfType(synth.api, 'AWS::KMS::Key')[keyId(synth)];
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    expect(key.Properties!.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    synth.api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: alarmTopicId(synth) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: Match.objectLike({ ArnLike: Match.anyValue() }),
          }),
        ]),
      },
    });
  });

  it('subscribes the stage alarm email when there is one', () => {
    const subscriptions = (synth: SynthesizedPictor): TemplateResource[] =>
      Object.values(resourcesOfType(synth.api, 'AWS::SNS::Subscription'));
    expect(subscriptions(dev)).toEqual([]);
    expect(subscriptions(full).map((s) => s.Properties)).toEqual([
      { Protocol: 'email', Endpoint: full.config.alarms.email, TopicArn: { Ref: alarmTopicId(full) } },
    ]);
  });
});
