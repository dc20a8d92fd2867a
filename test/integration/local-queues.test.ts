/**
 * The local queues as handlers meet them: the real SQSClient, pointed at the local endpoint by
 * AWS_ENDPOINT_URL_SQS, sends to the URL in the worker's queue variable, and the worker (a
 * test fixture, imported in-process) receives real-shaped SQS events. The SDK checks the MD5
 * of every body it sends against the endpoint's answer. Queue time runs at 0.001x, so the
 * fixtures' 6 s visibility timeouts last 6 ms.
 */
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { startLocalQueues, type LocalQueues } from '../../local/queues';
import * as backsOff from '../fixtures/workers/backs-off';
import * as reportsFailures from '../fixtures/workers/reports-failures';
import type { ReceivedInvocation } from '../fixtures/workers/script';
import { backingOffWorker, reportingWorker } from '../fixtures/workers/test-workers';
import { startTestApi } from '../support/local-api';

const savedEnv = { ...process.env };
const logs: string[] = [];
let queues: LocalQueues;
let client: SQSClient;

beforeAll(async () => {
  queues = await startLocalQueues({
    workers: [reportingWorker, backingOffWorker],
    timeScale: 0.001,
    log: (line) => logs.push(line),
  });
  // As start.ts does: senders and workers find the endpoint and the queue URLs in the environment.
  Object.assign(process.env, queues.env);
  client = new SQSClient({});
});

afterAll(async () => {
  client.destroy();
  backsOff.closeClient();
  await queues.close();
  process.env = { ...savedEnv };
});

const cleanupQueueUrl = () => process.env.CLEANUP_QUEUE_URL as string;

/** Every record a worker received for one message, in delivery order. */
function deliveriesOf(invocations: ReceivedInvocation[], messageId: string | undefined): SQSRecord[] {
  return invocations.flatMap((invocation) =>
    invocation.event.Records.filter((record) => record.messageId === messageId),
  );
}

describe('local queues through the AWS SDK', () => {
  it("sets AWS_ENDPOINT_URL_SQS, local AWS-shaped queue URLs for each worker, and a worker's maxReceiveCount", () => {
    expect(queues.env).toEqual({
      AWS_ENDPOINT_URL_SQS: queues.endpoint,
      CLEANUP_QUEUE_URL: `${queues.endpoint}/000000000000/pictor-test-reporting-worker-local`,
      GENERATION_QUEUE_URL: `${queues.endpoint}/000000000000/pictor-test-backing-off-worker-local`,
      GENERATION_MAX_ATTEMPTS: String(backingOffWorker.maxReceiveCount),
    });
    expect(queues.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('delivers a SendMessage to the worker as a real-shaped SQS event, and the SDK accepts the body MD5', async () => {
    // Act
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: cleanupQueueUrl(),
        MessageBody: JSON.stringify({ failReceives: 0, note: 'héllo' }),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'cleanup' } },
      }),
    );
    await queues.drained();

    // Assess
    const [record] = deliveriesOf(reportsFailures.invocations, sent.MessageId);
    expect(record).toEqual({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      body: '{"failReceives":0,"note":"héllo"}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        // The access key id the SDK signed with (the local stack's fake credentials).
        SenderId: process.env.AWS_ACCESS_KEY_ID,
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {
        kind: { stringValue: 'cleanup', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: sent.MD5OfMessageBody,
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:pictor-test-reporting-worker-local',
      awsRegion: 'us-east-1',
    });
    const invocation = reportsFailures.invocations.find((candidate) => candidate.event.Records.includes(record));
    expect(invocation?.context).toMatchObject({
      functionName: 'pictor-local-TestReportingWorker',
      memoryLimitInMB: '256',
    });
    expect(queues.stats('TestReportingWorker')).toMatchObject({ visible: 0, inFlight: 0, waitingForRetry: 0 });
  });

  it('checks the body MD5 for real: a client computing another digest rejects the answer', async () => {
    // A stand-in for the SDK's MD5 that always digests to zeros: the endpoint's MD5OfMessageBody cannot match it.
    class ZeroDigest {
      update(): void {}
      async digest(): Promise<Uint8Array> {
        return new Uint8Array(16);
      }
    }
    const skeptic = new SQSClient({ md5: ZeroDigest as never });

    const sending = skeptic.send(new SendMessageCommand({ QueueUrl: cleanupQueueUrl(), MessageBody: '{}' }));

    await expect(sending).rejects.toThrow('InvalidChecksumError');
    skeptic.destroy();
    await queues.drained();
  });

  it('delivers a SendMessageBatch as one batch and retries only the record the worker reported failed', async () => {
    // Act
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: cleanupQueueUrl(),
        Entries: [
          { Id: 'ok1', MessageBody: '{"failReceives":0}' },
          { Id: 'flaky', MessageBody: '{"failReceives":1}' },
          { Id: 'ok2', MessageBody: '{"failReceives":0}' },
        ],
      }),
    );
    await queues.drained();

    // Assess
    expect(sent.Failed ?? []).toEqual([]);
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['ok1', 'flaky', 'ok2']);
    const ids = Object.fromEntries((sent.Successful ?? []).map((entry) => [entry.Id, entry.MessageId]));
    const batches = reportsFailures.invocations.filter((invocation) =>
      invocation.event.Records.some((record) => Object.values(ids).includes(record.messageId)),
    );
    expect(
      batches.map((batch) =>
        batch.event.Records.map((record) => [record.messageId, record.attributes.ApproximateReceiveCount]),
      ),
    ).toEqual([
      [
        [ids.ok1, '1'],
        [ids.flaky, '1'],
        [ids.ok2, '1'],
      ],
      [[ids.flaky, '2']],
    ]);
  });

  it('honours a ChangeMessageVisibility the worker makes through the SDK (found with GetQueueUrl)', async () => {
    // Act: 20 s of back-off lasts 20 ms here; the queue's own visibility timeout (5400 s) would be 5.4 s.
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: process.env.GENERATION_QUEUE_URL,
        MessageBody: JSON.stringify({ failReceives: 1, backoffSeconds: 20 }),
      }),
    );
    await queues.drained();

    // Assess
    const deliveries = backsOff.invocations.filter((invocation) =>
      invocation.event.Records.some((record) => record.messageId === sent.MessageId),
    );
    expect(backsOff.backedOffAt.get(sent.MessageId as string)).toHaveLength(1);
    expect(deliveries.map((delivery) => delivery.event.Records[0].attributes.ApproximateReceiveCount)).toEqual([
      '1',
      '2',
    ]);
    const gap = deliveries[1].at - deliveries[0].at;
    // Node may fire a timer up to a millisecond before Date.now() says it is due.
    expect(gap).toBeGreaterThanOrEqual(19);
    expect(gap).toBeLessThan(5_400);
  });

  it('moves a message that keeps failing to the dead-letter list after maxReceiveCount receives', async () => {
    // Act
    const sent = await client.send(
      new SendMessageCommand({ QueueUrl: cleanupQueueUrl(), MessageBody: '{"failReceives":99}' }),
    );
    await queues.drained();

    // Assess
    expect(
      deliveriesOf(reportsFailures.invocations, sent.MessageId).map(
        (record) => record.attributes.ApproximateReceiveCount,
      ),
    ).toEqual(['1', '2', '3']);
    expect(queues.deadLetters('TestReportingWorker')).toEqual([
      expect.objectContaining({
        messageId: sent.MessageId,
        body: '{"failReceives":99}',
        receiveCount: 3,
        lastError: 'reported in batchItemFailures',
      }),
    ]);
    expect(logs.some((line) => line.includes('DEAD LETTER') && line.includes(sent.MessageId as string))).toBe(true);
  });

  it('answers GetQueueUrl and GetQueueAttributes, counting a delayed message', async () => {
    // Prepare: 100 s of delay lasts 100 ms here.
    await client.send(new SendMessageCommand({ QueueUrl: cleanupQueueUrl(), MessageBody: '{}', DelaySeconds: 100 }));

    // Act
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'pictor-test-reporting-worker-local' }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    await queues.drained();
    const after = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }),
    );

    // Assess
    expect(QueueUrl).toBe(cleanupQueueUrl());
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessagesDelayed: '1',
      ApproximateNumberOfMessages: '0',
      VisibilityTimeout: '6',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:pictor-test-reporting-worker-local',
    });
    expect(after.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '0' });
  });

  it('raises QueueDoesNotExist for an unknown queue', async () => {
    const sending = client.send(
      new SendMessageCommand({ QueueUrl: `${queues.endpoint}/000000000000/pictor-nope-local`, MessageBody: 'x' }),
    );

    await expect(sending).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(sending).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('startTestApi', () => {
  it("runs the queues beside the API and puts their URLs in the handlers' environment", async () => {
    // Prepare
    const api = await startTestApi({ routes: [], workers: [reportingWorker] });
    try {
      const sender = new SQSClient({});

      // Act: what a route handler would do, with the URL from its environment.
      const sent = await sender.send(
        new SendMessageCommand({ QueueUrl: process.env.CLEANUP_QUEUE_URL, MessageBody: '{"failReceives":1}' }),
      );
      await api.queues.drained();
      sender.destroy();

      // Assess
      expect(process.env.CLEANUP_QUEUE_URL).toBe(api.queues.queueUrls.TestReportingWorker);
      expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(api.queues.endpoint);
      expect(deliveriesOf(reportsFailures.invocations, sent.MessageId)).toHaveLength(2);
      expect(api.queues.stats('TestReportingWorker')).toMatchObject({ sent: 1, succeeded: 1, failedDeliveries: 1 });
      expect(api.queues.deadLetters('TestReportingWorker')).toEqual([]);
      expect(api.logs.some((line) => line.startsWith('SQS TestReportingWorker'))).toBe(true);
    } finally {
      await api.close();
    }
  });
});
