/**
 * A share token to what it opens, for the public share routes and for the reports of a share
 * (part C's `ShareTargets` port has this shape): undefined for a token Pictor could not have
 * issued, and for a revoked, expired, taken-down, deleted or inactive owner's share alike.
 */
import type { ImageLink, ImageLinks } from '../storage/ports';
import { NotFoundError } from '../../shared/errors';
import type { Clock } from '../shared/clock';
import type { ShareTargetStore } from './ports';
import type { ShareTarget } from './share-link';
import { hashShareToken, isShareTokenFormat } from './share-token';

export interface FindLiveShareDeps {
  targets: ShareTargetStore;
  now: Clock;
}

/** What a live share names: its owner, its image, its link. */
export interface LiveShare {
  ownerId: string;
  imageId: string;
  linkId: string;
}

/** The one answer of the public routes for anything that is not a live share: the same 404 for every case. */
export const noSuchShare = (): NotFoundError => new NotFoundError('No such share.');

/** The live target of `token`, with what its page shows; undefined when there is none (nothing says why). */
export async function findShareTarget(deps: FindLiveShareDeps, token: string): Promise<ShareTarget | undefined> {
  if (!isShareTokenFormat(token)) return undefined;
  return deps.targets.liveTarget(hashShareToken(token), deps.now());
}

/** The port's function: `findLiveShare(token) → { ownerId, imageId, linkId } | undefined`. */
export async function findLiveShare(deps: FindLiveShareDeps, token: string): Promise<LiveShare | undefined> {
  const target = await findShareTarget(deps, token);
  return target && { ownerId: target.ownerId, imageId: target.imageId, linkId: target.linkId };
}

/** GET /s/{token}: the target a share page shows, or the one 404. */
export async function openShare(deps: FindLiveShareDeps, token: string): Promise<ShareTarget> {
  const target = await findShareTarget(deps, token);
  if (!target) throw noSuchShare();
  return target;
}

/** GET /s/{token}/image: a presigned GET of that one image, minted now (≤ 15 minutes), or the one 404. */
export async function openSharedImage(
  deps: FindLiveShareDeps & { objects: ImageLinks },
  token: string,
): Promise<ImageLink> {
  const target = await openShare(deps, token);
  return deps.objects.presignGet(target.objectKey);
}

/** The port C's reports (and the lead's wiring) take: `{ findLiveShare(token) }` over a target store. */
export function liveShares(deps: FindLiveShareDeps): { findLiveShare(token: string): Promise<LiveShare | undefined> } {
  return { findLiveShare: (token) => findLiveShare(deps, token) };
}
