/** Conversations, their generations, stored images and reference uploads. */
import { type Gsi1Key, type ItemKey, sortKeyPrefix, userPartition } from './base';
import { conversationGroupPk } from './partitions';

/** A conversation; ids are time-ordered, so a descending Query lists newest first. */
export const conversation = (userId: string, conversationId: string): ItemKey & Gsi1Key => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.conversation}${conversationId}`,
  gsi1pk: conversationGroupPk(userId, conversationId),
  // Sorts before every `GEN#`, so the conversation heads its own group.
  gsi1sk: 'CONV',
});

/** The primary key alone (a `Key` must not carry index attributes). */
export const conversationById = (userId: string, conversationId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.conversation}${conversationId}`,
});

/** A generation: fetched alone by id, and listed with its conversation through gsi1. */
export const generation = (userId: string, conversationId: string, generationId: string): ItemKey & Gsi1Key => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.generation}${generationId}`,
  gsi1pk: conversationGroupPk(userId, conversationId),
  gsi1sk: `${sortKeyPrefix.generation}${generationId}`,
});

/** The key of a generation when only its id is known (GET /v1/generations/{id}). */
export const generationById = (userId: string, generationId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.generation}${generationId}`,
});

/** The group gsi1 holds for one conversation: the conversation, then its generations oldest first. */
export const conversationGroup = (userId: string, conversationId: string) => ({
  gsi1pk: conversationGroupPk(userId, conversationId),
});

/** One stored image (its object key and owner), addressable by id. */
export const image = (userId: string, imageId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.image}${imageId}`,
});

/** One reference upload and its validation state. */
export const upload = (userId: string, uploadId: string): ItemKey => ({
  pk: userPartition(userId),
  sk: `${sortKeyPrefix.upload}${uploadId}`,
});
