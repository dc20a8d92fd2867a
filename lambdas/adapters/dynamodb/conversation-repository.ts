/**
 * Conversation writes (docs/data-model.md): create, rename, delete in steps; the two reads are
 * conversation-read-repository.ts. Creating is its own factory so the create bundle carries
 * none of the others. Both writes to an existing conversation carry the account
 * guard in their transaction (SECURITY B4).
 */
import {
  DeleteCommand,
  GetCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ConversationCreationStore, ConversationStore } from '../../domain/conversations/ports';
import type { Generation } from '../../domain/generations/generation';
import { accountRefusal, activeAccountCheck, putForActiveAccount } from './account-check';
import { batchWriteAll } from './batch-write';
import { transactionFailures } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { outboxValues, setOutbox } from './outbox-attributes';
import { queryAll } from './query-all';
import { shareLinksOfConversation } from './share-links-of';
import { transactWrite } from './transactions';

type UpdateAction = NonNullable<NonNullable<TransactWriteCommandInput['TransactItems']>[number]['Update']>;

/** Creating a conversation: a put guarded by the account, and nothing else. */
export function conversationCreationRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ConversationCreationStore {
  return {
    create: (conversation) =>
      putForActiveAccount(client, tableName, conversation.userId, items.conversation.to(conversation)),
  };
}

/** Rename and delete, each guarded by the account. */
export function conversationRepository(client: DynamoDBDocumentClient, tableName: string): ConversationStore {
  /**
   * One conditional update of a conversation, in a transaction with the account guard. Answers
   * why it was refused (account, or no such conversation in that state), or undefined when done.
   */
  const guardedUpdate = async (userId: string, update: Omit<UpdateAction, 'TableName'>) => {
    try {
      await transactWrite(client, {
        TransactItems: [activeAccountCheck(tableName, userId), { Update: { TableName: tableName, ...update } }],
      });
      return undefined;
    } catch (error) {
      const [account, conversation] = transactionFailures(error) ?? [];
      if (account?.failed) return accountRefusal(account.item);
      if (conversation?.failed) return { outcome: 'missing' as const };
      throw error;
    }
  };

  return {
    async rename(userId, conversationId, title, now) {
      const key = keys.conversationById(userId, conversationId);
      const refused = await guardedUpdate(userId, {
        Key: key,
        UpdateExpression: 'SET title = :title, updatedAt = :now',
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':title': title, ':now': now, ':active': 'ACTIVE' },
      });
      if (refused) return refused;
      // A transaction returns no item: read the renamed one back (a write route's second request).
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item ? { outcome: 'renamed', conversation: items.conversation.from(Item) } : { outcome: 'missing' };
    },

    async markDeleting(userId, conversationId, now) {
      const refused = await guardedUpdate(userId, {
        Key: keys.conversationById(userId, conversationId),
        // Into the outbox: until its item is deleted, the sweeper finishes what a failed request did not.
        UpdateExpression: `SET #status = :deleting, updatedAt = :now, ${setOutbox}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':deleting': 'DELETING',
          ':now': now,
          ...outboxValues(keys.conversationById(userId, conversationId), now),
        },
      });
      return refused ?? { outcome: 'marked' };
    },

    async deleteItems(userId, conversationId, beforeFinalDelete) {
      const group = keys.conversationGroup(userId, conversationId);
      const generations = await queryAll(client, {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :group AND begins_with(gsi1sk, :generation)',
        ExpressionAttributeValues: { ':group': group.gsi1pk, ':generation': keys.sortKeyPrefix.generation },
        ProjectionExpression: 'pk, sk, images',
      });
      // The conversation is DELETING, so no new link can be made for its images (the create
      // transaction checks it is ACTIVE): its share group is complete once gsi1 has caught up.
      const links = await shareLinksOfConversation(client, tableName, userId, conversationId);
      const doomed = [
        ...generations.flatMap((item) => [
          { pk: item.pk as string, sk: item.sk as string },
          ...((item.images ?? []) as Generation['images']).map((image) => keys.image(userId, image.imageId)),
        ]),
        ...links.unrevoked,
        ...links.revoked,
      ];
      // UnprocessedItems are sent again with backoff; what stays unprocessed fails the job, and the queue redelivers
      // it.
      await batchWriteAll(
        client,
        tableName,
        doomed.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
      );
      await beforeFinalDelete();
      await client.send(
        new DeleteCommand({ TableName: tableName, Key: keys.conversationById(userId, conversationId) }),
      );
    },
  };
}
