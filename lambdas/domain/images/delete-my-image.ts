/** DELETE /v1/images/{id}: one stored image of the caller's, its item now and its object by the cleanup worker. */
import { NotFoundError } from '../../shared/errors';
import { readableItem, refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import type { CleanupQueue } from '../storage/ports';
import type { ActionLogCleanup, ImageStore } from './ports';

export interface DeleteMyImageDeps {
  images: ImageStore;
  actionLog: ActionLogCleanup;
  cleanup: CleanupQueue;
  now: Clock;
}

/**
 * DELETE /v1/images/{id}. Primary course:
 *  1. read the image with its owner's account (one request): an inactive account is refused,
 *     another person's or a deleted image is not found;
 *  2. queue the removal of its object on the cleanup queue (retried with backoff, DLQ + alarm);
 *  3. one transaction: account and conversation still ACTIVE, delete the image item, take the
 *     image out of its generation's `images` (its favorite is an attribute of the image item,
 *     so it goes with it); answer 204;
 *  4. only when actions were recorded for it: delete its action-log entries. Once the image item
 *     is gone no entry can be added (recording one updates the image), so nothing is missed; if
 *     this step fails, the entries still expire with their TTL (docs/retention.md).
 * Why the queue comes first (docs/generation.md, "Deleting an image"): once the transaction
 * commits nothing points at the object any more, so a send lost after the commit would orphan
 * it for good. Queued first, the object's removal is durable before any item lets go of it. If
 * the transaction then fails, the image item is still there and the client's retry does both
 * again (deleting an object twice is harmless); if it is refused, the image was deleted by a
 * concurrent call or is going with its conversation or account, or (a race of milliseconds)
 * the account was disabled: its object is then gone as its owner asked, its item left behind.
 */
export async function deleteMyImage(deps: DeleteMyImageDeps, userId: string, imageId: string): Promise<void> {
  const image = readableItem(await deps.images.get(userId, imageId));
  if (!image) throw new NotFoundError('No such image.');
  await deps.cleanup.enqueue({ keys: [image.objectKey] });
  const outcome = await deps.images.remove(image, deps.now().toISOString());
  refuseInactive(outcome);
  if (outcome.outcome !== 'removed') throw new NotFoundError('No such image.');
  if ((image.actionCount ?? 0) > 0) await deps.actionLog.removeForImage(userId, imageId);
}
