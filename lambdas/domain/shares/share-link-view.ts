/** Share links as the API shows them. The token appears only in the creation answer, never again. */
import { type ShareLink, type ShareLinkState, shareLinkState } from './share-link';

/** One of the caller's links in GET /v1/share-links: no token and no URL (they cannot be shown again). */
export interface ShareLinkView {
  linkId: string;
  imageId: string;
  state: ShareLinkState;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

/** The answer of POST /v1/images/{imageId}/share-links: the only time the token is shown. */
export interface CreatedShareLinkView {
  linkId: string;
  token: string;
  url: string;
  createdAt: string;
  expiresAt?: string;
}

export function toShareLinkView(link: ShareLink, now: Date): ShareLinkView {
  const view: ShareLinkView = {
    linkId: link.linkId,
    imageId: link.imageId,
    state: shareLinkState(link, now),
    createdAt: link.createdAt,
  };
  if (link.expiresAt !== undefined) view.expiresAt = link.expiresAt;
  if (link.revokedAt !== undefined) view.revokedAt = link.revokedAt;
  return view;
}

/** The public page's address for a token: `/s/{token}` under the API's base URL. */
export const sharePageUrl = (baseUrl: string, token: string): string => `${baseUrl}/s/${token}`;
