/**
 * PLACEHOLDER until the merge of issue 11's parts: the ShareTargets port answering "not found"
 * for every token, so the report routes build, deploy and refuse share targets with the same
 * 404 as a revoked link. The lead replaces it with B's `findLiveShare` adapter
 * (lambdas/domain/shares/…) in lambdas/http/reports/report-deps.ts, its one use.
 */
import type { ShareTargets } from '../../domain/reports/ports';

export const shareTargetsNotYetWired: ShareTargets = {
  findLiveShare: async () => undefined,
};
