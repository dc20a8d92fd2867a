/** Wires the conversation use cases to DynamoDB, S3 and the cleanup queue, once per container. */
import { conversationRepository } from '../../adapters/dynamodb/conversation-repository';
import { documentClient } from '../../adapters/dynamodb/client';
import { s3ObjectStore } from '../../adapters/s3/object-store';
import { cleanupQueue } from '../../adapters/sqs/queues';
import type { ConversationDeps } from '../../domain/conversations/use-cases';
import { tableConfig } from '../../shared/config';
import { timeOrderedId } from '../../shared/ids';
import { profileDeps } from '../me/profile-deps';

let deps: ConversationDeps | undefined;

export function conversationDeps(): ConversationDeps {
  deps ??= {
    conversations: conversationRepository(documentClient, tableConfig().TABLE_NAME),
    // Lazy: only the routes that presign or clean up read the bucket and queue settings.
    get objects() {
      return s3ObjectStore();
    },
    get cleanup() {
      return cleanupQueue();
    },
    get profiles() {
      return profileDeps();
    },
    now: () => new Date(),
    newId: timeOrderedId,
  };
  return deps;
}
