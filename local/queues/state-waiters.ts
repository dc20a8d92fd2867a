/**
 * Promises on a queue's state ("drained", "idle"): each resolves the moment its condition holds,
 * re-checked after every change of state, so callers wait on events, never on a timer.
 */
interface Waiter {
  ready: () => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class StateWaiters {
  private waiters: Waiter[] = [];
  private closedBecause: string | undefined;

  waitFor(ready: () => boolean): Promise<void> {
    if (this.closedBecause !== undefined) return Promise.reject(new Error(this.closedBecause));
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ ready, resolve, reject }));
  }

  /** Call after every change of state. */
  recheck(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Rejects every pending and future wait: the state will not change any more. */
  close(reason: string): void {
    this.closedBecause = reason;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new Error(reason));
  }
}
