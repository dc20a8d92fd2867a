/**
 * The SQS actions the local endpoint answers, called without HTTP: the JSON shapes the SDK
 * expects, SQS's validation, and its error codes. The digests are checked against published
 * values, not against our own implementation.
 */
import { createHash } from 'node:crypto';
import type { WorkerDefinition } from '../../../lib/workers';
import type { Handler } from '../../../local/handler-loader';
import { LocalQueue } from '../../../local/queues/local-queue';
import { md5OfMessageAttributes } from '../../../local/queues/md5';
import { maxMessageBytes } from '../../../local/queues/message-input';
import { SqsError } from '../../../local/queues/sqs-errors';
import { operations, type OperationContext } from '../../../local/queues/sqs-operations';
import { ManualClock } from './manual-clock';

const worker: WorkerDefinition = {
  id: 'OpsWorker',
  entry: 'test/fixtures/workers/not-loaded.ts',
  queueUrlEnv: 'CLEANUP_QUEUE_URL',
  sendCapability: 'enqueueCleanup',
  table: 'none',
  uses: [],
  timeoutSeconds: 30,
  memorySizeMb: 256,
  batchSize: 10,
  maxReceiveCount: 3,
};
const endpoint = 'http://127.0.0.1:9324';
const queueUrl = `${endpoint}/000000000000/pictor-ops-worker-local`;

/** The worker holds every batch until the test releases it, so counts stay put while we look. */
function setUp() {
  const releases: Array<() => void> = [];
  const handles: string[] = [];
  const queue = new LocalQueue({
    worker,
    loadHandler: async () =>
      (async (event: { Records: Array<{ receiptHandle: string }> }) => {
        handles.push(...event.Records.map((record) => record.receiptHandle));
        await new Promise<void>((resolve) => releases.push(resolve));
        return {};
      }) as Handler,
    timeScale: 0.001,
    clock: new ManualClock(),
    log: () => undefined,
  });
  const context: OperationContext = {
    queues: new Map([[queue.name, queue]]),
    queueUrl: (name) => `${endpoint}/000000000000/${name}`,
    senderId: 'AKIDLOCAL',
  };
  const call = (action: string, input: Record<string, unknown>) => operations[action](input, context);
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { queue, call, handles, releaseAll };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The SqsError `act` throws, for its shape, query code and status. */
function errorOf(act: () => unknown): SqsError {
  try {
    act();
  } catch (error) {
    if (error instanceof SqsError) return error;
    throw error;
  }
  throw new Error('expected an SqsError');
}

describe('message attribute digests', () => {
  it('match the values AWS and other SQS implementations publish', () => {
    // The AWS developer guide's one-attribute example, and sqslite's two-attribute test vector.
    expect(md5OfMessageAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } })).toBe(
      'cd28f3b68aeee4b2eac9c66f2f694b58',
    );
    expect(
      md5OfMessageAttributes({
        ordinal: { DataType: 'Number', StringValue: '1' },
        category: { DataType: 'String', StringValue: 'test' },
      }),
    ).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe('SQS operations', () => {
  it('SendMessage answers the message id and the digests the SDK checks', () => {
    const { call, queue } = setUp();

    const output = call('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: 'héllo ✓',
      MessageAttributes: { SellerName: { DataType: 'String', StringValue: 'Example Store' } },
    });

    expect(output).toEqual({
      MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      MD5OfMessageBody: md5('héllo ✓'),
      MD5OfMessageAttributes: 'cd28f3b68aeee4b2eac9c66f2f694b58',
    });
    expect(queue.stats().sent).toBe(1);
    queue.close();
  });

  it('rejects bodies SQS rejects: empty, invalid characters, too large', () => {
    const { call, queue } = setUp();

    const empty = errorOf(() => call('SendMessage', { QueueUrl: queueUrl, MessageBody: '' }));
    const control = errorOf(() => call('SendMessage', { QueueUrl: queueUrl, MessageBody: 'bell \u0007' }));
    const large = errorOf(() =>
      call('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x'.repeat(maxMessageBytes + 1) }),
    );
    const badDelay = errorOf(() => call('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x', DelaySeconds: 901 }));

    expect([empty.shape, control.shape, large.shape, badDelay.shape]).toEqual([
      'MissingParameter',
      'InvalidMessageContents',
      'InvalidParameterValue',
      'InvalidParameterValue',
    ]);
    expect(queue.stats().sent).toBe(0);
    queue.close();
  });

  it('answers QueueDoesNotExist, with the NonExistentQueue query code, for an unknown queue or account', () => {
    const { call, queue } = setUp();

    const unknown = errorOf(() => call('SendMessage', { QueueUrl: `${endpoint}/000000000000/nope`, MessageBody: 'x' }));
    const otherAccount = errorOf(() =>
      call('GetQueueAttributes', { QueueUrl: `${endpoint}/123456789012/pictor-ops-worker-local` }),
    );
    const byName = errorOf(() => call('GetQueueUrl', { QueueName: 'nope' }));
    const malformed = errorOf(() => call('SendMessage', { QueueUrl: 'not a url', MessageBody: 'x' }));

    for (const error of [unknown, otherAccount, byName]) {
      expect(error).toMatchObject({
        shape: 'QueueDoesNotExist',
        queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
        statusCode: 400,
      });
    }
    expect(malformed).toMatchObject({ shape: 'InvalidAddress', statusCode: 404 });
    queue.close();
  });

  it('SendMessageBatch sends every valid entry and reports the invalid ones per entry', () => {
    const { call, queue } = setUp();

    const output = call('SendMessageBatch', {
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'first' },
        { Id: 'b', MessageBody: 'bad \u0000 body' },
        { Id: 'c', MessageBody: 'third', DelaySeconds: 5 },
      ],
    });

    expect(output).toEqual({
      Successful: [
        { Id: 'a', MessageId: expect.any(String), MD5OfMessageBody: md5('first') },
        { Id: 'c', MessageId: expect.any(String), MD5OfMessageBody: md5('third') },
      ],
      Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.any(String) }],
    });
    expect(queue.stats()).toMatchObject({ sent: 2, delayed: 1 });
    queue.close();
  });

  it('SendMessageBatch rejects a malformed request as a whole', () => {
    const { call, queue } = setUp();
    const entries = (count: number) => Array.from({ length: count }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));

    const codes = [
      errorOf(() => call('SendMessageBatch', { QueueUrl: queueUrl, Entries: [] })),
      errorOf(() => call('SendMessageBatch', { QueueUrl: queueUrl, Entries: entries(11) })),
      errorOf(() =>
        call('SendMessageBatch', {
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'same', MessageBody: 'x' },
            { Id: 'same', MessageBody: 'y' },
          ],
        }),
      ),
      errorOf(() => call('SendMessageBatch', { QueueUrl: queueUrl, Entries: [{ Id: 'not ok!', MessageBody: 'x' }] })),
      errorOf(() =>
        call('SendMessageBatch', {
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'a', MessageBody: 'x'.repeat(maxMessageBytes / 2 + 1) },
            { Id: 'b', MessageBody: 'x'.repeat(maxMessageBytes / 2) },
          ],
        }),
      ),
    ].map((error) => error.queryCode);

    expect(codes).toEqual([
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'AWS.SimpleQueueService.BatchRequestTooLong',
    ]);
    expect(queue.stats().sent).toBe(0);
    queue.close();
  });

  it('GetQueueUrl and GetQueueAttributes describe the queue and count its messages by state', async () => {
    const { call, queue, releaseAll } = setUp();
    call('SendMessage', { QueueUrl: queueUrl, MessageBody: 'in flight' });
    await flush();
    call('SendMessage', { QueueUrl: queueUrl, MessageBody: 'delayed', DelaySeconds: 60 });

    const url = call('GetQueueUrl', { QueueName: 'pictor-ops-worker-local' });
    const all = call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['All'] });
    const some = call('GetQueueAttributes', {
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessagesNotVisible', 'Policy'],
    });
    const none = call('GetQueueAttributes', { QueueUrl: queueUrl });
    const unknown = errorOf(() => call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['Colour'] }));

    expect(url).toEqual({ QueueUrl: queueUrl });
    expect(all.Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:pictor-ops-worker-local',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      VisibilityTimeout: '180',
    });
    expect(some).toEqual({ Attributes: { ApproximateNumberOfMessagesNotVisible: '1' } });
    expect(none).toEqual({ Attributes: {} });
    expect(unknown.shape).toBe('InvalidAttributeName');
    releaseAll();
    queue.close();
  });

  it('DeleteMessage and ChangeMessageVisibility take the receipt handle the worker got', async () => {
    const { call, queue, handles, releaseAll } = setUp();
    call('SendMessageBatch', {
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'one' },
        { Id: 'b', MessageBody: 'two' },
      ],
    });
    await flush();

    const changed = call('ChangeMessageVisibilityBatch', {
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'a', ReceiptHandle: handles[0], VisibilityTimeout: 10 },
        { Id: 'b', ReceiptHandle: 'bogus', VisibilityTimeout: 10 },
      ],
    });
    const deleted = call('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: handles[0] });
    const missing = errorOf(() => call('DeleteMessage', { QueueUrl: queueUrl }));

    expect(changed).toEqual({
      Successful: [{ Id: 'a' }],
      Failed: [{ Id: 'b', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) }],
    });
    expect(deleted).toEqual({});
    expect(missing.shape).toBe('MissingParameter');
    expect(queue.stats()).toMatchObject({ deletedBySender: 1, inFlight: 1 });
    releaseAll();
    await queue.whenDrained();
  });
});
