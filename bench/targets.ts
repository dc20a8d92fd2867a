/**
 * Targets P1–P3 of /work/shared/design/PERFORMANCE.md, as numbers. KB here is 1,000 bytes, as
 * in that document (its reference b, the bench's b0, is 342,178 bytes = "342 KB"). The import
 * ratios are judged against that reference (b0); the ratio to the lean b, the same handler with
 * lambdaBundling's flags, is judged too (issue 10: every bundle <= 1.3x of it).
 */

export type Tier = 'single-client' | 'multi-client';

export interface TierTargets {
  readonly rawKb: number;
  readonly gzipKb: number;
  /** Cold import, median ratio to PERFORMANCE.md's reference b (the bench's b0). */
  readonly importRatio: number;
  /** Import + first invocation, median ratio to that reference's. */
  readonly firstCallRatio: number;
  /**
   * Cold import, median ratio to the lean b (the reference with the unused credential providers
   * external, as every Pictor bundle is built): issue 10's "every bundle <= 1.3x the lean
   * reference", the worker included. What the HTTP stack, validation and the use case may cost
   * over the SDK client alone.
   */
  readonly leanImportRatio: number;
}

/** Nobody ships a bundle over this, whatever its tier. */
export const HARD_LIMIT_KB = 1000;

export const TARGETS: Readonly<Record<Tier, TierTargets>> = {
  // "DynamoDB-only handlers"; a handler with no client at all, or a single other client, is
  // held to the same (stricter) line.
  'single-client': { rawKb: 260, gzipKb: 90, importRatio: 1.15, firstCallRatio: 1.3, leanImportRatio: 1.3 },
  'multi-client': { rawKb: 450, gzipKb: 140, importRatio: 1.3, firstCallRatio: 1.3, leanImportRatio: 1.3 },
};

export function tierOf(serviceClients: readonly string[]): Tier {
  return serviceClients.length > 1 ? 'multi-client' : 'single-client';
}
