/** POST /v1/images/{id}/actions: records a save or a share of one of the caller's images. */
import { NotFoundError } from '../../shared/errors';
import { refuseInactive } from '../profile/account-status';
import type { Clock } from '../shared/clock';
import {
  actionCounterShards,
  actionLogLifetimeDays,
  epochSecondsAfterDays,
  unknownModel,
  type ImageAction,
  type ImageActionType,
} from './action-log';
import type { ActionLogStore } from './ports';

export interface RecordImageActionDeps {
  actions: ActionLogStore;
  now: Clock;
  newId: () => string;
  /** A number in [0, 1), to pick the counter shard. */
  random: () => number;
}

export interface ImageActionView {
  id: string;
  imageId: string;
  type: ImageActionType;
  channel: string | null;
  createdAt: string;
  /** When the entry leaves the log (docs/retention.md). */
  expiresAt: string;
}

/**
 * POST /v1/images/{id}/actions. Primary course:
 *  1. read the image (one GetItem): 404 when it is not the caller's; it names the conversation,
 *     the generation and the model the counters are kept per;
 *  2. one transaction (action-log.ts): the account guard (403 unless ACTIVE: SECURITY B4 on a
 *     write, and nothing read in step 1 is answered), the image still there, its conversation
 *     ACTIVE, the entry with its expiry, one counter shard of the day + 1;
 *  3. answer the entry (201).
 * Two requests, P5's budget for a write. Each call is one more action: the client records what
 * the person did each time they did it.
 */
export async function recordImageAction(
  deps: RecordImageActionDeps,
  userId: string,
  imageId: string,
  request: { type: ImageActionType; channel?: string },
): Promise<ImageActionView> {
  const image = await deps.actions.find(userId, imageId);
  if (!image) throw new NotFoundError('No such image.');
  const now = deps.now();
  const action: ImageAction = {
    actionId: deps.newId(),
    userId,
    imageId,
    conversationId: image.conversationId,
    generationId: image.generationId,
    type: request.type,
    ...(request.channel === undefined ? {} : { channel: request.channel }),
    modelId: image.modelId ?? unknownModel,
    createdAt: now.toISOString(),
    expiresAt: epochSecondsAfterDays(now, actionLogLifetimeDays),
  };
  const shard = Math.min(actionCounterShards - 1, Math.floor(deps.random() * actionCounterShards));
  const outcome = await deps.actions.record(action, shard);
  refuseInactive(outcome);
  if (outcome.outcome !== 'recorded') throw new NotFoundError('No such image.');
  return {
    id: action.actionId,
    imageId,
    type: action.type,
    channel: action.channel ?? null,
    createdAt: action.createdAt,
    expiresAt: new Date(action.expiresAt * 1000).toISOString(),
  };
}
