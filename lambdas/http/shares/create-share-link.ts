/** POST /v1/images/{imageId}/share-links: 201 with the token and URL, shown this once. */
import { createShareLink } from '../../domain/shares/create-share-link';
import { createShareLinkSchema } from '../../domain/shares/requests';
import { newShareToken } from '../../domain/shares/share-token';
import { userRoute } from '../../shared/http/route';
import { timeOrderedId } from '../../shared/ids';
import { now, shareLinkCreation } from './share-deps';

export const handler = userRoute(
  { params: { imageId: 'image' }, body: createShareLinkSchema, bodyOptional: true },
  async ({ caller, params, body, baseUrl }) => ({
    status: 201,
    body: await createShareLink(
      { links: shareLinkCreation(), now, newLinkId: timeOrderedId, newToken: newShareToken },
      caller.userId,
      { imageId: params.imageId, expiresInSeconds: body.expiresInSeconds, baseUrl },
    ),
  }),
);
