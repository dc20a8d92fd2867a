/**
 * The local stand-in for EventBridge schedules: the handler gets a scheduled event, runs of one
 * function never overlap, a timer keeps running after a failed run, and close() stops it.
 */
import type { ScheduledDefinition } from '../../../lib/scheduled';
import type { Handler } from '../../../local/handler-loader';
import { startLocalScheduled } from '../../../local/scheduled';

const definition: ScheduledDefinition = {
  id: 'Sweeper',
  entry: 'lambdas/scheduled/outbox-sweeper.ts',
  description: 'test',
  table: 'none',
  uses: [],
  everyMinutes: 1,
  timeoutSeconds: 60,
  alarmAfterPeriods: 3,
};

function loaderOf(handler: Handler) {
  return async () => handler;
}

afterEach(() => jest.useRealTimers());

it('invokes the handler with the event an EventBridge schedule sends, and resolves to its result', async () => {
  const events: unknown[] = [];
  const scheduled = startLocalScheduled({
    definitions: [definition],
    loadHandler: loaderOf(async (event) => {
      events.push(event);
      return { handedOver: 2 };
    }),
  });

  await expect(scheduled.run('Sweeper')).resolves.toEqual({ handedOver: 2 });
  expect(events).toEqual([
    expect.objectContaining({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      detail: {},
      resources: [expect.stringContaining(':rule/pictor-local-Sweeper')],
    }),
  ]);
  await scheduled.close();
});

it('runs one function one run at a time', async () => {
  let running = 0;
  let most = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const scheduled = startLocalScheduled({
    definitions: [definition],
    loadHandler: loaderOf(async () => {
      running++;
      most = Math.max(most, running);
      await gate;
      running--;
      return 'done';
    }),
  });
  const runs = [scheduled.run('Sweeper'), scheduled.run('Sweeper'), scheduled.run('Sweeper')];
  release();
  await expect(Promise.all(runs)).resolves.toEqual(['done', 'done', 'done']);
  expect(most).toBe(1);
  await scheduled.close();
});

it('refuses an unknown id', async () => {
  const scheduled = startLocalScheduled({ definitions: [definition], loadHandler: loaderOf(async () => undefined) });
  await expect(scheduled.run('Nope')).rejects.toThrow(/No scheduled function Nope/);
  await scheduled.close();
});

it('runs on its period, logs a failed run and goes on, and stops at close()', async () => {
  jest.useFakeTimers();
  let calls = 0;
  const logs: string[] = [];
  const scheduled = startLocalScheduled({
    definitions: [definition],
    loadHandler: loaderOf(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('queue down'), { name: 'KmsAccessDenied' });
      return 'ok';
    }),
    periodMs: () => 600,
    log: (line) => logs.push(line),
  });

  await jest.advanceTimersByTimeAsync(599);
  expect(calls).toBe(0);
  await jest.advanceTimersByTimeAsync(1);
  expect(calls).toBe(1);
  await jest.advanceTimersByTimeAsync(600);
  expect(calls).toBe(2);
  expect(logs).toEqual(['Sweeper failed: KmsAccessDenied: queue down']);

  await scheduled.close();
  await jest.advanceTimersByTimeAsync(6000);
  expect(calls).toBe(2);
});
