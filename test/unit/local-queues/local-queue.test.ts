/**
 * The local queue's SQS and event-source-mapping semantics, on a manual clock: nothing here
 * waits for real time. Visibility timeouts are 6x the worker's timeout (10 s → 60 s), scaled
 * by 0.001 to 60 ms of clock time.
 */
import { createHash } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { WorkerDefinition } from '../../../lib/workers';
import { importSource, type Handler } from '../../../local/handler-loader';
import { LocalQueue } from '../../../local/queues/local-queue';
import type { NewMessage } from '../../../local/queues/message-input';
import { localQueueName } from '../../../local/queues/names';
import { SqsError } from '../../../local/queues/sqs-errors';
import { throwingWorker } from '../../fixtures/workers/test-workers';
import { ManualClock } from './manual-clock';

const visibilityMs = 60; // 6 x 10 s x 0.001

function unitWorker(overrides: Partial<WorkerDefinition> = {}): WorkerDefinition {
  return {
    id: 'UnitWorker',
    entry: 'test/fixtures/workers/not-loaded.ts',
    queueUrlEnv: 'GENERATION_QUEUE_URL',
    sendCapability: 'enqueueGeneration',
    table: 'none',
    uses: [],
    timeoutSeconds: 10,
    memorySizeMb: 256,
    batchSize: 1,
    maxReceiveCount: 3,
    ...overrides,
  };
}

type WorkerFn = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | unknown>;

function setUp(handler: WorkerFn, worker: Partial<WorkerDefinition> = {}, concurrency = 2) {
  const clock = new ManualClock();
  const logs: string[] = [];
  const loads: string[] = [];
  const queue = new LocalQueue({
    worker: unitWorker(worker),
    loadHandler: async ({ entry }) => {
      loads.push(entry);
      return handler as Handler;
    },
    timeScale: 0.001,
    clock,
    concurrency,
    log: (line) => logs.push(line),
  });
  return { queue, clock, logs, loads };
}

const message = (body: string, extra: Partial<NewMessage> = {}): NewMessage => ({
  body,
  delaySeconds: 0,
  messageAttributes: {},
  ...extra,
});

/** Lets pending promise callbacks run (a turn of the event loop, not a wait for time). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const failAll = (event: SQSEvent): SQSBatchResponse => ({
  batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
});

describe('local queue', () => {
  it('names the queue after the worker, as pictor-<kebab id>-local', () => {
    expect(localQueueName({ id: 'GenerationWorker' })).toBe('pictor-generation-worker-local');
    expect(localQueueName({ id: 'CleanupWorker' })).toBe('pictor-cleanup-worker-local');
  });

  it('hands the worker a real-shaped SQS event and a Lambda context', async () => {
    // Prepare
    const received: Array<{ event: SQSEvent; remainingMs: number; functionName: string; memory: string }> = [];
    const { queue, clock } = setUp(async (event, context) => {
      received.push({
        event,
        remainingMs: context.getRemainingTimeInMillis(),
        functionName: context.functionName,
        memory: context.memoryLimitInMB,
      });
      return { batchItemFailures: [] };
    });
    const sentAt = clock.now();

    // Act
    const sent = queue.send(
      message('{"job":1}', {
        messageAttributes: {
          kind: { DataType: 'String', StringValue: 'generate' },
          bytes: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
        traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
      }),
      'AIDASENDER',
    );
    await queue.whenIdle();

    // Assess
    expect(received).toHaveLength(1);
    const [record] = received[0].event.Records;
    expect(record).toEqual({
      messageId: sent.messageId,
      receiptHandle: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      body: '{"job":1}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(sentAt),
        SenderId: 'AIDASENDER',
        ApproximateFirstReceiveTimestamp: String(sentAt),
        AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
      },
      messageAttributes: {
        kind: { stringValue: 'generate', stringListValues: [], binaryListValues: [], dataType: 'String' },
        bytes: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: createHash('md5').update('{"job":1}').digest('hex'),
      md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:pictor-unit-worker-local',
      awsRegion: 'us-east-1',
    });
    expect(received[0]).toMatchObject({ remainingMs: 10_000, functionName: 'pictor-local-UnitWorker', memory: '256' });
    expect(queue.stats()).toMatchObject({ sent: 1, invocations: 1, succeeded: 1, failedDeliveries: 0 });
    await expect(queue.whenDrained()).resolves.toBeUndefined();
  });

  it('dispatches batches of at most batchSize, oldest first', async () => {
    // Prepare
    const batches: string[][] = [];
    const { queue } = setUp(
      async (event) => void batches.push(event.Records.map((record) => record.body)),
      { batchSize: 2 },
      1,
    );

    // Act
    for (const body of ['a', 'b', 'c', 'd', 'e']) queue.send(message(body), 'sender');
    await queue.whenDrained();

    // Assess
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('runs at most `concurrency` batches at once', async () => {
    // Prepare
    const releases: Array<() => void> = [];
    const { queue } = setUp(() => new Promise((resolve) => releases.push(() => resolve({}))), {}, 2);

    // Act
    for (const body of ['a', 'b', 'c']) queue.send(message(body), 'sender');
    await flush();
    const whileTwoRun = { calls: releases.length, ...queue.stats() };
    releases[0]();
    await flush();

    // Assess
    expect(whileTwoRun).toMatchObject({ calls: 2, inFlight: 2, visible: 1 });
    expect(releases).toHaveLength(3);
    releases[1]();
    releases[2]();
    await queue.whenDrained();
  });

  it('redelivers only the records a partial batch failure names, once visible again, receiveCount raised', async () => {
    // Prepare
    const deliveries: SQSRecord[][] = [];
    const { queue, clock } = setUp(
      async (event) => {
        deliveries.push(event.Records);
        return {
          batchItemFailures: event.Records.filter(
            (record) => record.body === 'bad' && record.attributes.ApproximateReceiveCount === '1',
          ).map((record) => ({ itemIdentifier: record.messageId })),
        };
      },
      { batchSize: 3 },
    );
    queue.send(message('good-1'), 'sender');
    const bad = queue.send(message('bad'), 'sender');
    queue.send(message('good-2'), 'sender');

    // Act
    await queue.whenIdle();
    const afterFirst = queue.stats();
    clock.advance(visibilityMs - 1);
    await queue.whenIdle();
    const beforeVisible = deliveries.length;
    clock.advance(1);
    await queue.whenIdle();

    // Assess
    expect(deliveries[0].map((record) => record.body)).toEqual(['good-1', 'bad', 'good-2']);
    expect(afterFirst).toMatchObject({ succeeded: 2, failedDeliveries: 1, waitingForRetry: 1, visible: 0 });
    expect(beforeVisible).toBe(1);
    expect(deliveries).toHaveLength(2);
    const [retried] = deliveries[1];
    expect(deliveries[1]).toHaveLength(1);
    expect(retried.messageId).toBe(bad.messageId);
    expect(retried.attributes.ApproximateReceiveCount).toBe('2');
    expect(retried.attributes.ApproximateFirstReceiveTimestamp).toBe(
      deliveries[0][1].attributes.ApproximateFirstReceiveTimestamp,
    );
    expect(retried.receiptHandle).not.toBe(deliveries[0][1].receiptHandle);
    expect(queue.isDrained()).toBe(true);
  });

  it('fails the whole batch when the worker throws', async () => {
    // Prepare
    const deliveries: SQSRecord[][] = [];
    const { queue, clock, logs } = setUp(
      async (event) => {
        deliveries.push(event.Records);
        if (deliveries.length === 1) throw new Error('worker bug');
        return {};
      },
      { batchSize: 2 },
    );
    queue.send(message('one'), 'sender');
    queue.send(message('two'), 'sender');

    // Act
    await queue.whenIdle();
    clock.advance(visibilityMs);
    await queue.whenDrained();

    // Assess
    expect(
      deliveries.map((records) => records.map((record) => [record.body, record.attributes.ApproximateReceiveCount])),
    ).toEqual([
      [
        ['one', '1'],
        ['two', '1'],
      ],
      [
        ['one', '2'],
        ['two', '2'],
      ],
    ]);
    expect(logs.join('\n')).toContain('worker bug');
    expect(queue.stats()).toMatchObject({ failedDeliveries: 2, succeeded: 2 });
  });

  it('fails the whole batch when batchItemFailures names a record that is not in it', async () => {
    // Prepare
    let calls = 0;
    const { queue, clock, logs } = setUp(async () =>
      ++calls === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-a-message-id' }] } : {},
    );
    queue.send(message('one'), 'sender');

    // Act
    await queue.whenIdle();
    const afterFirst = queue.stats();
    clock.advance(visibilityMs);
    await queue.whenDrained();

    // Assess
    expect(afterFirst).toMatchObject({ succeeded: 0, failedDeliveries: 1 });
    expect(calls).toBe(2);
    expect(logs.join('\n')).toContain('not a messageId of this batch');
  });

  it('fails the batch when the worker outlives its timeout (the timeout is not scaled)', async () => {
    // Prepare
    const firstCall = deferred();
    let calls = 0;
    const { queue, clock, logs } = setUp(async () => {
      calls += 1;
      if (calls > 1) return {};
      firstCall.resolve();
      return new Promise(() => undefined);
    });
    queue.send(message('slow'), 'sender');
    await firstCall.promise;

    // Act
    clock.advance(10_000 - 1);
    await flush();
    const justBefore = queue.stats();
    clock.advance(1);
    await queue.whenDrained();

    // Assess
    expect(justBefore).toMatchObject({ inFlight: 1, failedDeliveries: 0 });
    expect(calls).toBe(2);
    expect(logs.join('\n')).toContain('Task timed out after 10.00 seconds');
  });

  it('moves a message that failed maxReceiveCount receives to the dead-letter list, logging it clearly', async () => {
    // Prepare
    const counts: string[] = [];
    const { queue, clock, logs } = setUp(async (event) => {
      counts.push(event.Records[0].attributes.ApproximateReceiveCount);
      return failAll(event);
    });
    const sent = queue.send(message('{"doomed":true}'), 'sender');

    // Act
    for (let receive = 1; receive <= 3; receive += 1) {
      await queue.whenIdle();
      clock.advance(visibilityMs);
    }
    await queue.whenDrained();

    // Assess
    expect(counts).toEqual(['1', '2', '3']);
    expect(queue.deadLetters()).toEqual([
      {
        messageId: sent.messageId,
        body: '{"doomed":true}',
        messageAttributes: {},
        receiveCount: 3,
        sentTimestamp: sent.sentTimestamp,
        deadLetteredAt: clock.now(),
        lastError: 'reported in batchItemFailures',
      },
    ]);
    expect(queue.stats()).toMatchObject({ deadLettered: 1, failedDeliveries: 3, succeeded: 0 });
    expect(logs.filter((line) => line.includes('DEAD LETTER'))).toEqual([
      expect.stringContaining(`message ${sent.messageId} failed 3 receives (maxReceiveCount 3)`),
    ]);
  });

  it('honours ChangeMessageVisibility made by the worker while the message is in flight', async () => {
    // Prepare
    const deliveries: string[] = [];
    // `queue` is assigned before any message is sent, so the worker can reach it.
    let queue: LocalQueue;
    const setup = setUp(async (event) => {
      const [record] = event.Records;
      deliveries.push(record.attributes.ApproximateReceiveCount);
      if (record.attributes.ApproximateReceiveCount !== '1') return {};
      queue.changeVisibility(record.receiptHandle, 5); // 5 s: 5 ms of clock time
      return failAll(event);
    });
    queue = setup.queue;
    queue.send(message('backs off'), 'sender');

    // Act
    await queue.whenIdle();
    setup.clock.advance(4);
    await queue.whenIdle();
    const before = [...deliveries];
    setup.clock.advance(1);
    await queue.whenDrained();

    // Assess
    expect(before).toEqual(['1']);
    expect(deliveries).toEqual(['1', '2']);
  });

  it('makes a failed message visible at once on ChangeMessageVisibility 0, then rejects its stale handle', async () => {
    // Prepare
    const handles: string[] = [];
    const { queue } = setUp(async (event) => {
      handles.push(event.Records[0].receiptHandle);
      return handles.length === 1 ? failAll(event) : {};
    });
    queue.send(message('retry now'), 'sender');
    await queue.whenIdle();

    // Act
    queue.changeVisibility(handles[0], 0);
    await queue.whenDrained();

    // Assess
    expect(handles).toHaveLength(2);
    expect(() => queue.changeVisibility(handles[0], 10)).toThrow(
      expect.objectContaining({ shape: 'ReceiptHandleIsInvalid' }),
    );
    expect(() => queue.changeVisibility('not a handle', 10)).toThrow(SqsError);
    expect(() => queue.changeVisibility(handles[1], 43_201)).toThrow(
      expect.objectContaining({ shape: 'InvalidParameterValue' }),
    );
  });

  it('answers MessageNotInflight for a visible message', async () => {
    // Prepare: one slot; "x" fails and becomes visible again while "y" holds the slot.
    const releaseY = deferred<unknown>();
    const handles = new Map<string, string>();
    const { queue, clock } = setUp(
      async (event) => {
        const [record] = event.Records;
        handles.set(record.body, record.receiptHandle);
        if (record.body === 'y') return releaseY.promise;
        return record.attributes.ApproximateReceiveCount === '1' ? failAll(event) : {};
      },
      {},
      1,
    );
    queue.send(message('x'), 'sender');
    queue.send(message('y'), 'sender');
    await flush();
    clock.advance(visibilityMs);

    // Act
    const visibleCount = queue.stats().visible;
    const attempt = () => queue.changeVisibility(handles.get('x'), 30);

    // Assess
    expect(visibleCount).toBe(1);
    expect(attempt).toThrow(
      expect.objectContaining({ shape: 'MessageNotInflight', queryCode: 'AWS.SimpleQueueService.MessageNotInflight' }),
    );
    releaseY.resolve({});
    await queue.whenDrained();
  });

  it('keeps a delayed message invisible for its DelaySeconds', async () => {
    // Prepare
    let calls = 0;
    const { queue, clock } = setUp(async () => {
      calls += 1;
    });

    // Act
    queue.send(message('later', { delaySeconds: 30 }), 'sender');
    await queue.whenIdle();
    const delayed = { calls, attributes: queue.attributes(['ApproximateNumberOfMessagesDelayed']) };
    clock.advance(29);
    await queue.whenIdle();
    const callsBefore = calls;
    clock.advance(1);
    await queue.whenDrained();

    // Assess
    expect(delayed).toEqual({ calls: 0, attributes: { ApproximateNumberOfMessagesDelayed: '1' } });
    expect(callsBefore).toBe(0);
    expect(calls).toBe(1);
  });

  it('does not retry a message the worker deleted itself, and ignores a stale delete', async () => {
    // Prepare
    let queue: LocalQueue;
    const setup = setUp(async (event) => {
      queue.deleteMessage(event.Records[0].receiptHandle);
      return failAll(event);
    });
    queue = setup.queue;
    const sent = queue.send(message('self-deleting'), 'sender');

    // Act
    await queue.whenDrained();

    // Assess
    expect(queue.stats()).toMatchObject({ deletedBySender: 1, failedDeliveries: 0, invocations: 1 });
    expect(() => queue.deleteMessage(sent.receiptHandle)).not.toThrow();
    expect(() => queue.deleteMessage('garbage')).toThrow(expect.objectContaining({ shape: 'ReceiptHandleIsInvalid' }));
  });

  it('counts a handler that fails to load as a failed delivery, and loads it again next time', async () => {
    // Prepare
    const clock = new ManualClock();
    let loads = 0;
    const received: string[] = [];
    const queue = new LocalQueue({
      worker: unitWorker(),
      loadHandler: async () => {
        loads += 1;
        if (loads === 1) throw new Error('SyntaxError in the worker module');
        return (async (event: SQSEvent) =>
          void received.push(event.Records[0].attributes.ApproximateReceiveCount)) as Handler;
      },
      timeScale: 0.001,
      clock,
      log: () => undefined,
    });
    queue.send(message('one'), 'sender');

    // Act
    await queue.whenIdle();
    clock.advance(visibilityMs);
    await queue.whenDrained();

    // Assess
    expect(loads).toBe(2);
    expect(received).toEqual(['2']);
  });

  it('loads a worker module by its entry with the loaders the router uses', async () => {
    // Prepare
    const clock = new ManualClock();
    const logs: string[] = [];
    const queue = new LocalQueue({
      worker: throwingWorker,
      loadHandler: importSource,
      timeScale: 0.001,
      clock,
      log: (line) => logs.push(line),
    });
    const sent = queue.send(message('{"failReceives":1}'), 'sender');

    // Act: its visibility timeout is 6 x 1 s, 6 ms here.
    await queue.whenIdle();
    clock.advance(6);
    await queue.whenDrained();

    // Assess
    const { invocations } = await import('../../fixtures/workers/throws-while-failing');
    const counts = invocations
      .flatMap((invocation) => invocation.event.Records.filter((record) => record.messageId === sent.messageId))
      .map((record) => record.attributes.ApproximateReceiveCount);
    expect(counts).toEqual(['1', '2']);
    expect(logs.join('\n')).toContain(`fixture: failing receive 1 of ${sent.messageId}`);
  });

  it('resolves whenDrained only when nothing is left, not while a retry is pending', async () => {
    // Prepare
    const { queue, clock } = setUp(async (event) =>
      event.Records[0].attributes.ApproximateReceiveCount === '1' ? failAll(event) : {},
    );
    queue.send(message('flaky'), 'sender');
    const drained = queue.whenDrained().then(() => 'drained');
    await queue.whenIdle();

    // Act
    const whileWaiting = await Promise.race([drained, flush().then(() => 'pending')]);
    clock.advance(visibilityMs);

    // Assess
    expect(whileWaiting).toBe('pending');
    await expect(drained).resolves.toBe('drained');
  });

  it('cancels pending retries on close and rejects whoever waits for it to drain', async () => {
    // Prepare
    let calls = 0;
    const { queue, clock } = setUp(async (event) => {
      calls += 1;
      return failAll(event);
    });
    queue.send(message('never retried'), 'sender');
    await queue.whenIdle();
    const drainedRejects = expect(queue.whenDrained()).rejects.toThrow(/closed/);

    // Act
    queue.close();
    clock.advance(visibilityMs * 10);
    await flush();

    // Assess
    await drainedRejects;
    expect(calls).toBe(1);
    expect(clock.untilNextTimer()).toBeUndefined();
  });
});
