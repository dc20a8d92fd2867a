/**
 * Step Functions' clock, scaled: Wait states, the pauses between Retry attempts and the
 * execution's timeout last `timeScale` times their AWS duration, through aws-local-stepfunctions'
 * waitTimeOverrides and retryIntervalOverrides and a scaled state-machine TimeoutSeconds.
 *
 * The library takes one retry override per retrier, not per attempt, and would drop the backoff
 * (and the jitter) with it. So each override is a getter, read at the moment the library decides
 * to retry, that computes that attempt's pause: IntervalSeconds × BackoffRate^n, capped by
 * MaxDelaySeconds, times a random fraction under JitterStrategy FULL, times the scale. The
 * attempt number n comes from the execution's own events (StateEntered resets it, StateRetried
 * counts it), which the task handler flushes before every invocation.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** The States Language defaults. */
const defaultIntervalSeconds = 1;
const defaultBackoffRate = 2;

/**
 * The local pause, in milliseconds, before retry number `attempt + 1` of `retrier` (attempt 0
 * is the first retry): what AWS would wait, scaled. `random` draws the full-jitter fraction in [0, 1).
 */
export function retryDelayMs(
  retrier: Retrier,
  attempt: number,
  timeScale: number,
  random: () => number = Math.random,
): number {
  let seconds =
    (retrier.IntervalSeconds ?? defaultIntervalSeconds) * (retrier.BackoffRate ?? defaultBackoffRate) ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return seconds * 1000 * timeScale;
}

/** The local duration of a Wait state with a fixed `Seconds` or `Timestamp`; undefined for the path-based ones. */
export function waitDurationMs(
  state: { Seconds?: number; Timestamp?: string },
  timeScale: number,
  now: number,
): number | undefined {
  if (typeof state.Seconds === 'number') return state.Seconds * 1000 * timeScale;
  if (typeof state.Timestamp === 'string') return Math.max(0, Date.parse(state.Timestamp) - now) * timeScale;
  return undefined;
}

/**
 * The definition the library runs: the state machine's own TimeoutSeconds scaled like the
 * other Step Functions timers (at least a second), so an execution that would time out after
 * 24 hours in AWS times out locally too, and a stuck deletion can be seen ending TIMED_OUT and
 * redriven. A Task's TimeoutSeconds is not scaled: it bounds the handler's real work.
 */
export function withScaledExecutionTimeout(
  definition: StateMachineDefinition,
  timeScale: number,
): StateMachineDefinition {
  if (typeof definition.TimeoutSeconds !== 'number') return definition;
  return { ...definition, TimeoutSeconds: Math.max(1, Math.ceil(definition.TimeoutSeconds * timeScale)) };
}

type StateMap = Record<string, Record<string, any>>;

/** One run's pacing: the overrides to hand the library, and the attempt counts they read. */
export class ScaledTime {
  /** Retries so far of each retrier, per Retry-bearing state, since the state was last entered. */
  private readonly attempts = new Map<string, number[]>();
  private readonly entries = new Map<string, number>();
  /**
   * The pause chosen for each (state, entry, retrier, attempt), so repeated reads agree and the
   * history can show it.
   */
  private readonly chosen = new Map<string, number>();

  constructor(
    private readonly definition: StateMachineDefinition,
    private readonly timeScale: number,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  private get states(): StateMap {
    return this.definition.States as StateMap;
  }

  /**
   * `retryIntervalOverrides`: per Retry-bearing state, an array whose entry i the library reads
   * when retrier i matches.
   */
  retryIntervalOverrides(): Record<string, number[]> {
    const overrides: Record<string, number[]> = {};
    for (const [name, state] of Object.entries(this.states)) {
      const retriers = state.Retry as Retrier[] | undefined;
      if (!retriers?.length) continue;
      const perRetrier: number[] = [];
      retriers.forEach((_, index) => {
        Object.defineProperty(perRetrier, index, { enumerable: true, get: () => this.pauseMs(name, index) });
      });
      overrides[name] = perRetrier;
    }
    return overrides;
  }

  /** `waitTimeOverrides`: per Wait state with a fixed time, its scaled duration, computed when the state runs. */
  waitTimeOverrides(): Record<string, number> {
    const overrides: Record<string, number> = {};
    for (const [name, state] of Object.entries(this.states)) {
      if (state.Type !== 'Wait' || waitDurationMs(state, 1, 0) === undefined) continue;
      Object.defineProperty(overrides, name, {
        enumerable: true,
        get: () => waitDurationMs(state, this.timeScale, this.now()),
      });
    }
    return overrides;
  }

  /** A StateEntered event: the state's retry counts start again. */
  stateEntered(name: string): void {
    this.entries.set(name, (this.entries.get(name) ?? 0) + 1);
    const retriers = this.states[name]?.Retry as Retrier[] | undefined;
    if (retriers)
      this.attempts.set(
        name,
        retriers.map(() => 0),
      );
  }

  /**
   * A StateRetried event: `attempt` retries of `retrier` so far. Returns the pause that preceded
   * this retry, in local milliseconds (undefined if the retrier is not the state's).
   */
  stateRetried(name: string, retrier: Retrier, attempt: number): number | undefined {
    const index = (this.states[name]?.Retry as Retrier[] | undefined)?.indexOf(retrier) ?? -1;
    const counts = this.attempts.get(name);
    if (index < 0 || !counts) return undefined;
    counts[index] = attempt;
    return this.chosen.get(this.key(name, index, attempt - 1));
  }

  private key(name: string, index: number, attempt: number): string {
    return `${name}\u0000${this.entries.get(name) ?? 0}\u0000${index}\u0000${attempt}`;
  }

  private pauseMs(name: string, index: number): number {
    const attempt = this.attempts.get(name)?.[index] ?? 0;
    const key = this.key(name, index, attempt);
    let pause = this.chosen.get(key);
    if (pause === undefined) {
      const retrier = (this.states[name].Retry as Retrier[])[index];
      pause = retryDelayMs(retrier, attempt, this.timeScale, this.random);
      this.chosen.set(key, pause);
    }
    return pause;
  }
}
