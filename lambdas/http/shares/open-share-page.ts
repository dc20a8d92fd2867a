/** GET /s/{token} (public; the token is its authentication): the share's HTML page, or the one 404. */
import { openShare } from '../../domain/shares/find-live-share';
import { sharePageUrl } from '../../domain/shares/share-link-view';
import { publicRoute } from '../../shared/http/route';
import { now, shareTargets } from './share-deps';
import { shareResponseHeaders, sharePageHtml, sharePagePolicy } from './share-page';

export const handler = publicRoute(
  async ({ params, baseUrl }) => {
    const { token } = params;
    const target = await openShare({ targets: shareTargets(), now }, token);
    const pageUrl = sharePageUrl(baseUrl, token);
    return {
      rawBody: sharePageHtml(target, pageUrl, `${pageUrl}/image`),
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': sharePagePolicy(baseUrl) },
    };
  },
  { params: { token: 'share' }, responseHeaders: shareResponseHeaders },
);
