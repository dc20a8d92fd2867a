/**
 * The one source of time for the local queues: what "now" is and when a delayed step runs.
 * `npm start` uses the system clock; unit tests inject a manual one and move it forward
 * themselves, so a 12-minute visibility timeout costs them nothing.
 */
export interface QueueClock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
  /** Runs `callback` once, `delayMs` from now (negative counts as 0); returns a cancel function. */
  schedule(delayMs: number, callback: () => void): () => void;
}

export const systemClock: QueueClock = {
  now: () => Date.now(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
