/** Conversations, generations, stored images, uploads and idempotency markers. */
import type { Conversation } from '../../../domain/conversations/conversation';
import type { Generation, StoredImage } from '../../../domain/generations/generation';
import type { IdempotencyMarker } from '../../../domain/generations/ports';
import type { ImageRecord } from '../../../domain/images/image';
import type { Upload } from '../../../domain/uploads/upload';
import * as keys from '../keys';
import { type Item, withoutBookkeeping } from './bookkeeping';
import { conversationType, generationType, imageType, uploadType, idempotencyMarkerType } from './entity-types';

export const conversation = {
  to: (conversation: Conversation): Item => ({
    ...keys.conversation(conversation.userId, conversation.conversationId),
    entityType: conversationType,
    ...conversation,
  }),
  from: (item: Item): Conversation => withoutBookkeeping(item) as unknown as Conversation,
};

export const generation = {
  to: (generation: Generation): Item => ({
    ...keys.generation(generation.userId, generation.conversationId, generation.generationId),
    entityType: generationType,
    ...generation,
  }),
  from: (item: Item): Generation => withoutBookkeeping(item) as unknown as Generation,
};

export const image = {
  to: (generation: Generation, image: StoredImage, createdAt: string): Item => ({
    ...keys.image(generation.userId, image.imageId),
    // Its place in its owner's library (GET /v1/images).
    ...keys.libraryEntry(generation.userId, createdAt, image.imageId),
    entityType: imageType,
    ...image,
    userId: generation.userId,
    conversationId: generation.conversationId,
    generationId: generation.generationId,
    modelId: generation.modelId,
    createdAt,
  }),
  /** Picks the record's fields, so keys and bookkeeping never leak upward; absent optional fields stay absent. */
  from: (item: Item): ImageRecord => {
    const { imageId, userId, objectKey, width, height, conversationId, generationId, createdAt } =
      item as unknown as ImageRecord;
    const record: ImageRecord = { imageId, userId, objectKey, width, height, conversationId, generationId, createdAt };
    for (const field of imageOptionalFields) {
      if (item[field] !== undefined) Object.assign(record, { [field]: item[field] });
    }
    return record;
  },
};

/** The image attributes other writes add (the library, share links, take-downs), read back when present. */
const imageOptionalFields = [
  'modelId',
  'favoritedAt',
  'shareLinkCount',
  'takenDownAt',
  'takedownReason',
  'actionCount',
] as const satisfies readonly (keyof ImageRecord)[];

export const idempotencyMarker = {
  to: (userId: string, marker: IdempotencyMarker): Item => ({
    ...keys.idempotency(userId, marker.keyHash),
    entityType: idempotencyMarkerType,
    ...marker,
    // TTL tidies up; correctness never waits for it (the create condition compares expiresAt).
    ttl: marker.expiresAt,
  }),
  from: (item: Item): IdempotencyMarker => withoutBookkeeping(item) as unknown as IdempotencyMarker,
};

export const upload = {
  to: (upload: Upload): Item => ({
    ...keys.upload(upload.userId, upload.uploadId),
    entityType: uploadType,
    ...upload,
    ttl: upload.expiresAt,
  }),
  from: (item: Item): Upload => withoutBookkeeping(item) as unknown as Upload,
};
