/**
 * POST /v1/conversations/{conversationId}/generations: moderate, debit, queue; answers 202 with
 * the QUEUED generation. The Idempotency-Key header is required; a replay answers the same
 * generation with `Idempotent-Replayed: true`.
 */
import { createGeneration } from '../../domain/generations/create-generation';
import { generationRequestSchema, idempotencyKeySchema } from '../../domain/generations/requests';
import { toGenerationView } from '../../domain/generations/generation-view';
import { ValidationError } from '../../shared/errors';
import { pathId } from '../../shared/http/path-id';
import { userRoute } from '../../shared/http/route';
import { validate } from '../../shared/validation';
import { createGenerationDeps } from './create-generation-deps';

export const handler = userRoute(
  { body: generationRequestSchema },
  async ({ caller, pathParameters, headers, body }) => {
    const key = validate(idempotencyKeySchema, headers['idempotency-key']);
    if (!key.success) {
      throw new ValidationError(
        'idempotency_key_required',
        `Send an Idempotency-Key header (${key.issues[0].message}) so a retry never pays twice.`,
        'Idempotency-Key',
      );
    }
    const { generation, replayed } = await createGeneration(createGenerationDeps(), {
      userId: caller.userId,
      conversationId: pathId(pathParameters.conversationId, 'conversation'),
      request: body,
      idempotencyKey: key.data,
    });
    return {
      status: 202,
      headers: {
        location: `/v1/generations/${generation.generationId}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      body: toGenerationView(generation, new Map()),
    };
  },
);
