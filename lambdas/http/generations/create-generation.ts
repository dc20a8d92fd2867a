/**
 * POST /v1/conversations/{conversationId}/generations: moderate, debit, queue; answers 202 with
 * the QUEUED generation. The Idempotency-Key header is required; a replay answers the same
 * generation with `Idempotent-Replayed: true`.
 */
import { createGeneration } from '../../domain/generations/create-generation';
import { generationRequestSchema, idempotencyKeySchema } from '../../domain/generations/requests';
import { toGenerationView } from '../../domain/generations/generation-view';
import { userRoute } from '../../shared/http/route';
import { createGenerationDeps } from './create-generation-deps';

export const handler = userRoute(
  {
    params: { conversationId: 'conversation' },
    headers: { 'idempotency-key': { schema: idempotencyKeySchema, code: 'idempotency_key_required' } },
    body: generationRequestSchema,
  },
  async ({ caller, params, headers, body }) => {
    const { generation, replayed } = await createGeneration(createGenerationDeps(), {
      userId: caller.userId,
      conversationId: params.conversationId,
      request: body,
      idempotencyKey: headers['idempotency-key'],
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
