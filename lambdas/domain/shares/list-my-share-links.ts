/** GET /v1/share-links: the caller's share links, newest first, a page at a time; never their tokens. */
import { mayReadOwnData } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import type { ShareLinkReadStore } from './ports';
import { type ShareLinkView, toShareLinkView } from './share-link-view';

export interface ListMyShareLinksDeps {
  links: ShareLinkReadStore;
  now: Clock;
}

/**
 * GET /v1/share-links. Primary course: 1. one Query of the caller's links (newest first) beside
 * the account check (refused unless ACTIVE); 2. answer each with its state (live, expired,
 * revoked) and no token: a token is shown once, at creation.
 */
export async function listMyShareLinks(
  deps: ListMyShareLinksDeps,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<{ shareLinks: ShareLinkView[]; nextCursor: string | null }> {
  const { account, items, nextCursor } = await deps.links.list(userId, page.limit, page.cursor);
  if (!mayReadOwnData(account)) return { shareLinks: [], nextCursor: null };
  const now = deps.now();
  return { shareLinks: items.map((link) => toShareLinkView(link, now)), nextCursor: nextCursor ?? null };
}
