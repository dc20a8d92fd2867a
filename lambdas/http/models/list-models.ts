/** GET /v1/models: the models a person can pick, their cost in credits and what they can do. */
import { defaultModelId, models } from '../../domain/generations/models';
import { userRoute } from '../../shared/http/route';

const body = {
  defaultModel: defaultModelId,
  models: models.map((model) => ({
    id: model.id,
    name: model.name,
    credits: model.credits,
    aspectRatios: model.aspectRatios,
    imageToImage: model.imageToImage,
  })),
};

export const handler = userRoute({}, async () => ({ body }));
