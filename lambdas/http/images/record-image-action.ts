/** POST /v1/images/{imageId}/actions: `{"type": "save" | "share", "channel"?}` → 201 with the entry. */
import { recordImageAction } from '../../domain/images/record-image-action';
import { recordImageActionSchema } from '../../domain/images/requests';
import { systemClock } from '../../domain/shared/clock';
import { timeOrderedId } from '../../shared/ids';
import { userRoute } from '../../shared/http/route';
import { imageActions } from './image-deps';

export const handler = userRoute(
  { params: { imageId: 'image' }, body: recordImageActionSchema },
  async ({ caller, params, body }) => ({
    status: 201,
    body: await recordImageAction(
      { actions: imageActions(), now: systemClock, newId: timeOrderedId, random: Math.random },
      caller.userId,
      params.imageId,
      body,
    ),
  }),
);
