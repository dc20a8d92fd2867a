/** The action log and its daily counters (issue 11, part A). */
import type { ActionCount, ImageAction } from '../../../domain/images/action-log';
import * as keys from '../keys';
import { type Item, withoutBookkeeping } from './bookkeeping';
import { imageActionType, actionCounterType } from './entity-types';

/** An action-log entry: in its owner's partition, under its image and in its conversation's group; expired by TTL. */
export const imageAction = {
  to: (action: ImageAction): Item => ({
    ...keys.actionEntry(action, action.createdAt, action.actionId),
    entityType: imageActionType,
    ...action,
    // TTL tidies up; every reader also compares expiresAt (docs/retention.md).
    ttl: action.expiresAt,
  }),
};

/** An action-log entry read back (export): apart from `imageAction.to`, so the recording route carries no reader. */
export const storedImageAction = {
  from: (item: Item): ImageAction => withoutBookkeeping(item) as unknown as ImageAction,
};

/** A shard of one day's counter: the day, the action type, the model and a count; no user, image or channel. */
export const actionCounter = {
  /** The attributes an `ADD count :one` sets alongside; `ttl` set once, from the day's first action. */
  fields: (day: string, type: string, modelId: string) => ({ entityType: actionCounterType, day, type, modelId }),
};

/** A counter shard read back (the operator's stats): apart from `actionCounter.fields`, for the same reason. */
export const storedActionCounter = {
  from: (item: Item): ActionCount => ({
    day: String(item.day),
    type: String(item.type),
    modelId: String(item.modelId),
    count: Number(item.count ?? 0),
  }),
};
