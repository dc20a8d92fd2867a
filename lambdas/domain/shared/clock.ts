/**
 * Time, as every use case receives it: a function answering the current instant, so tests pass
 * a fixed or ticking clock and nothing reads `new Date()` behind their back. Use cases compute
 * with the Date; ports receive the ISO string they store, in a parameter named `now`.
 */
export type Clock = () => Date;

/** The real clock, for the deps wiring of handlers, workers, workflows and schedules. */
export const systemClock: Clock = () => new Date();
