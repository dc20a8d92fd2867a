/**
 * The conversation store, made once per container. Each handler adds only the adapters its use
 * case needs (S3 to presign, the cleanup queue to delete), so a list or rename bundle carries
 * neither the S3 nor the SQS client.
 */
import { conversationRepository } from '../../adapters/dynamodb/conversation-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import type { ConversationStore } from '../../domain/conversations/conversation-store';
import { tableConfig } from '../../shared/config';

let store: ConversationStore | undefined;

export function conversations(): ConversationStore {
  store ??= conversationRepository(documentClient, tableConfig().TABLE_NAME);
  return store;
}

export const now = (): Date => new Date();
