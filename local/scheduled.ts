/**
 * The functions of lib/scheduled.ts, in this process: each handler invoked with the event an
 * EventBridge schedule sends. `npm start` runs each on a timer, its period scaled like the
 * queues' clock; tests call `run(id)` when they want a sweep, so nothing runs behind their back.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledDefinition } from '../lib/scheduled';
import { lambdaContext, localAccountId } from './api-event';
import { localRegion } from './config';
import { importSource, type Handler, type HandlerLoader } from './handler-loader';

export interface StartLocalScheduledOptions {
  definitions: readonly ScheduledDefinition[];
  /** @default importSource */
  loadHandler?: HandlerLoader;
  /** Run each function every this many milliseconds; unset: only when `run` is called. */
  periodMs?: (definition: ScheduledDefinition) => number;
  /** Failures of timed runs. @default console.log */
  log?: (line: string) => void;
}

export interface LocalScheduled {
  /**
   * Runs the function once, after any run of it in progress; resolves to what its handler
   * returned. `time` is the event's firing time (an ISO string; default now), for a test that
   * needs a sweep as it would run later.
   */
  run(id: string, options?: { time?: string }): Promise<unknown>;
  /** Stops the timers and waits for runs in progress. */
  close(): Promise<void>;
}

/** The event an EventBridge schedule rule sends its Lambda target. */
function scheduledEvent(definition: ScheduledDefinition, time?: string) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: localAccountId,
    // EventBridge sends whole seconds; milliseconds here, so a sweep right after a request sees it.
    time: time ?? new Date().toISOString(),
    region: localRegion,
    resources: [`arn:aws:events:${localRegion}:${localAccountId}:rule/pictor-local-${definition.id}`],
    detail: {},
  };
}

export function startLocalScheduled(options: StartLocalScheduledOptions): LocalScheduled {
  const loadHandler = options.loadHandler ?? importSource;
  const log = options.log ?? ((line: string) => console.log(line));
  const byId = new Map(options.definitions.map((definition) => [definition.id, definition]));
  const handlers = new Map<string, Promise<Handler>>();
  /** The latest run of each function: runs of one function never overlap, as one schedule's rarely do in AWS. */
  const latest = new Map<string, Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const run = (id: string, { time }: { time?: string } = {}): Promise<unknown> => {
    const definition = byId.get(id);
    if (!definition)
      return Promise.reject(new Error(`No scheduled function ${id}; there are: ${[...byId.keys()].join(', ')}`));
    const invoke = async () => {
      let loading = handlers.get(id);
      if (!loading) {
        loading = loadHandler(definition);
        handlers.set(id, loading);
      }
      const handler = await loading;
      const context = lambdaContext(definition, Date.now() + definition.timeoutSeconds * 1000);
      return handler(scheduledEvent(definition, time), context);
    };
    const next = (latest.get(id) ?? Promise.resolve()).catch(() => undefined).then(invoke);
    latest.set(id, next);
    return next;
  };

  if (options.periodMs) {
    for (const definition of options.definitions) {
      const period = options.periodMs(definition);
      const tick = () => {
        if (closed) return;
        run(definition.id)
          .catch((error: unknown) =>
            log(
              `${definition.id} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
            ),
          )
          .finally(() => {
            if (closed) return;
            const timer = setTimeout(() => {
              timers.delete(timer);
              tick();
            }, period);
            timers.add(timer);
          });
      };
      const first = setTimeout(() => {
        timers.delete(first);
        tick();
      }, period);
      timers.add(first);
    }
  }

  return {
    run,
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...latest.values()]);
    },
  };
}
