/**
 * Domain objects to table items and back, for every entity the generation flow stores. Keys
 * come from keys.ts; `entityType` names the kind on every item (docs/data-model.md). Import it
 * as a namespace (`import * as items from './items'`) so a bundle carries only the mappers its
 * route uses.
 */
import type { Conversation } from '../../domain/conversations/conversation';
import type { Generation, StoredImage } from '../../domain/generations/generation';
import type { IdempotencyMarker } from '../../domain/generations/ports';
import type { LedgerEntry } from '../../domain/profile/profile';
import type { Upload } from '../../domain/uploads/upload';
import * as keys from './keys';

type Item = Record<string, unknown>;

/** Drops table bookkeeping (keys, entityType, ttl) so it never leaks into the domain. */
function withoutBookkeeping(item: Item): Item {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entityType: _entityType, ttl: _ttl, ...rest } = item;
  return rest;
}

export const conversation = {
  to: (conversation: Conversation): Item => ({
    ...keys.conversation(conversation.userId, conversation.conversationId),
    entityType: 'CONVERSATION',
    ...conversation,
  }),
  from: (item: Item): Conversation => withoutBookkeeping(item) as unknown as Conversation,
};

export const generation = {
  to: (generation: Generation): Item => ({
    ...keys.generation(generation.userId, generation.conversationId, generation.generationId),
    entityType: 'GENERATION',
    ...generation,
  }),
  from: (item: Item): Generation => withoutBookkeeping(item) as unknown as Generation,
};

export const image = {
  to: (generation: Generation, image: StoredImage, createdAt: string): Item => ({
    ...keys.image(generation.userId, image.imageId),
    entityType: 'IMAGE',
    ...image,
    userId: generation.userId,
    conversationId: generation.conversationId,
    generationId: generation.generationId,
    createdAt,
  }),
};

export const ledgerEntry = {
  to: (entry: LedgerEntry): Item => ({
    ...keys.ledgerEntry(entry.userId, entry.createdAt, entry.entryId),
    entityType: 'LEDGER_ENTRY',
    ...entry,
  }),
  from: (item: Item): LedgerEntry => withoutBookkeeping(item) as unknown as LedgerEntry,
};

export const idempotencyMarker = {
  to: (userId: string, marker: IdempotencyMarker): Item => ({
    ...keys.idempotency(userId, marker.keyHash),
    entityType: 'IDEMPOTENCY_KEY',
    ...marker,
    // TTL tidies up; correctness never waits for it (the create condition compares expiresAt).
    ttl: marker.expiresAt,
  }),
  from: (item: Item): IdempotencyMarker => withoutBookkeeping(item) as unknown as IdempotencyMarker,
};

export const upload = {
  to: (upload: Upload): Item => ({
    ...keys.upload(upload.userId, upload.uploadId),
    entityType: 'UPLOAD',
    ...upload,
    ttl: upload.expiresAt,
  }),
  from: (item: Item): Upload => withoutBookkeeping(item) as unknown as Upload,
};
