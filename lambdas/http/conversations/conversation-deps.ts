/**
 * The conversation store, made once per container. Each handler adds only the adapters its use
 * case needs (S3 to presign, the cleanup queue to delete), so a list or rename bundle carries
 * neither the S3 nor the SQS client; the create and read routes take their own store only.
 */
import { conversationReadRepository } from '../../adapters/dynamodb/conversation-read-repository';
import {
  conversationCreationRepository,
  conversationRepository,
} from '../../adapters/dynamodb/conversation-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import type {
  ConversationCreationStore,
  ConversationReadStore,
  ConversationStore,
} from '../../domain/conversations/ports';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';

let store: ConversationStore | undefined;
let reads: ConversationReadStore | undefined;
let creation: ConversationCreationStore | undefined;

export function conversations(): ConversationStore {
  store ??= conversationRepository(documentClient, tableConfig().TABLE_NAME);
  return store;
}

/** Creating alone: the create bundle carries neither rename nor delete. */
export function conversationCreation(): ConversationCreationStore {
  creation ??= conversationCreationRepository(documentClient, tableConfig().TABLE_NAME);
  return creation;
}

/** The reads alone: the list and get bundles carry none of the write code. */
export function conversationReads(): ConversationReadStore {
  reads ??= conversationReadRepository(documentClient, tableConfig().TABLE_NAME);
  return reads;
}

/** The clock the conversation use cases take. */
export const now = systemClock;
