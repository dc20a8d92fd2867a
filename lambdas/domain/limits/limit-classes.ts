/**
 * The limit classes (issue 15, docs/abuse.md): every route names one (lib/routes/), and each
 * class's default budgets live here, in one place. A stage may override a class's budgets in its
 * config (`limits`); the CDK app and the local stack resolve the same way (`resolvedLimits`).
 */
import type { LimitPolicy } from './limits';

export const limitClasses = [
  /** A paid model call: the tightest budget; refused when the counters are down. */
  'generation',
  /** Presigned reference uploads and their completion (each one an S3 object to validate). */
  'upload',
  /** Data exports (the cooldown in the stage config is the real limit; this stops hammering). */
  'export',
  /** Creating share links. */
  'share-create',
  /** The public share page and image: no user, so per source IP. */
  'public-share',
  /** Filing reports (each can page a moderator); also the public share report, per IP. */
  'report',
  /** Telegram link codes: each can be guessed at, so few. */
  'link-code',
  /** Webhooks authenticated by their secret: only API Gateway's route throttle applies. */
  'webhook',
  /** Signed-in reads of the caller's data. */
  'read',
  /**
   * Signed-in reads of content that is the same for everyone (models, plans, the data-class
   * table): the route throttle only, since a counter would cost more than the answer.
   */
  'fixed-content',
  /** Signed-in writes that cost little (profile, consents, favorites, renames, deletes). */
  'write',
  /** Moderation and support staff. */
  'staff',
  /** The health check: no counters, only the route throttle. */
  'probe',
] as const;

export type LimitClass = (typeof limitClasses)[number];

/** API Gateway's route throttle for a class: requests per second across all callers, and the burst. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ClassLimits extends LimitPolicy {
  readonly throttle: RouteThrottle;
}

const minute = 60;
const hour = 3600;

/**
 * Defaults for a production stage. Per-user budgets are generous for a person using an app and
 * tight for a script; fixed windows may pass twice a budget across a window boundary, which these
 * allow for. Costly classes fail closed, cheap reads fail open (docs/abuse.md).
 */
export const defaultLimits: Readonly<Record<LimitClass, ClassLimits>> = {
  generation: {
    perUser: { max: 20, windowSeconds: 10 * minute },
    onFailure: 'closed',
    throttle: { rateLimit: 20, burstLimit: 40 },
  },
  upload: {
    perUser: { max: 60, windowSeconds: 10 * minute },
    onFailure: 'closed',
    throttle: { rateLimit: 20, burstLimit: 40 },
  },
  export: {
    perUser: { max: 10, windowSeconds: hour },
    onFailure: 'closed',
    throttle: { rateLimit: 5, burstLimit: 10 },
  },
  'share-create': {
    perUser: { max: 30, windowSeconds: hour },
    onFailure: 'closed',
    throttle: { rateLimit: 10, burstLimit: 20 },
  },
  'public-share': {
    perIp: { max: 120, windowSeconds: minute },
    onFailure: 'open',
    throttle: { rateLimit: 100, burstLimit: 200 },
  },
  report: {
    perUser: { max: 20, windowSeconds: hour },
    perIp: { max: 30, windowSeconds: hour },
    onFailure: 'closed',
    throttle: { rateLimit: 5, burstLimit: 10 },
  },
  'link-code': {
    perUser: { max: 10, windowSeconds: hour },
    onFailure: 'closed',
    throttle: { rateLimit: 5, burstLimit: 10 },
  },
  webhook: { onFailure: 'open', throttle: { rateLimit: 50, burstLimit: 100 } },
  read: {
    perUser: { max: 600, windowSeconds: minute },
    onFailure: 'open',
    throttle: { rateLimit: 200, burstLimit: 400 },
  },
  'fixed-content': { onFailure: 'open', throttle: { rateLimit: 50, burstLimit: 100 } },
  write: {
    perUser: { max: 120, windowSeconds: minute },
    onFailure: 'closed',
    throttle: { rateLimit: 100, burstLimit: 200 },
  },
  staff: {
    perUser: { max: 300, windowSeconds: minute },
    onFailure: 'open',
    throttle: { rateLimit: 20, burstLimit: 40 },
  },
  probe: { onFailure: 'open', throttle: { rateLimit: 10, burstLimit: 20 } },
};

/** Whether a class keeps counters at all (the others are limited by the route throttle only). */
export const hasCounters = (limits: LimitPolicy): boolean => limits.perUser !== undefined || limits.perIp !== undefined;

/** The defaults with a stage's overrides laid over them, class by class. */
export function resolvedLimits(
  overrides: Partial<Record<LimitClass, ClassLimits>> = {},
): Readonly<Record<LimitClass, ClassLimits>> {
  return Object.fromEntries(limitClasses.map((name) => [name, overrides[name] ?? defaultLimits[name]])) as Record<
    LimitClass,
    ClassLimits
  >;
}
