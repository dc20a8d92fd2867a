/**
 * A clock the test moves: scheduled callbacks run when `advance` passes their time, in time
 * order, so queue timing is tested without waiting for real time.
 */
import type { QueueClock } from '../../../local/queues/clock';

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

export class ManualClock implements QueueClock {
  private time: number;
  private timers: Timer[] = [];
  private scheduled = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now = (): number => this.time;

  schedule = (delayMs: number, callback: () => void): (() => void) => {
    this.scheduled += 1;
    const timer: Timer = { at: this.time + Math.max(0, delayMs), order: this.scheduled, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((pending) => pending !== timer);
    };
  };

  /** Moves time forward by `ms`, running each timer that falls due at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next || next.at > end) break;
      this.timers = this.timers.filter((pending) => pending !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }

  /** Milliseconds until the next timer, or undefined when none is pending. */
  untilNextTimer(): number | undefined {
    if (this.timers.length === 0) return undefined;
    return Math.min(...this.timers.map((timer) => timer.at)) - this.time;
  }
}
