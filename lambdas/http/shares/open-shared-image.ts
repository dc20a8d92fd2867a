/** GET /s/{token}/image (public; the token authenticates): 302 to a presigned GET of that one image, minted now. */
import { imageLinks } from '../../adapters/s3/image-links';
import { openSharedImage } from '../../domain/shares/find-live-share';
import { publicRoute } from '../../shared/http/route';
import { now, shareTargets } from './share-deps';
import { shareResponseHeaders } from './share-page';

export const handler = publicRoute(
  async ({ params }) => {
    const link = await openSharedImage({ targets: shareTargets(), objects: imageLinks(), now }, params.token);
    return { status: 302, headers: { location: link.url } };
  },
  { params: { token: 'share' }, responseHeaders: shareResponseHeaders },
);
