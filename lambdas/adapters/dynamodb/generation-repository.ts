/**
 * Generation access patterns (docs/data-model.md): create with its debit in one transaction,
 * get by id (generation-read-repository.ts), and the worker's conditional transitions. The wallet's invariants live in the
 * conditions: the balance never goes below zero, an inactive account is never charged, a
 * refund rides on a state transition that can only happen once.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { GenerationStore } from '../../domain/generations/ports';
import type { AccountStatus } from '../../domain/profile/profile';
import { accountRefusal, activeAccountCheck, activeAccountCondition } from './account-check';
import { transactionFailures as cancellationReasons } from './condition-failures';
import { generationReadRepository } from './generation-read-repository';
import * as items from './items';
import * as keys from './keys';
import { outboxValues, removeOutbox, setOutbox } from './outbox-attributes';
import { transactWrite } from './transactions';

/** Index of each action in the create transaction, to read its cancellation reason. */
const createAction = { wallet: 0, conversation: 1, generation: 2, ledger: 3, marker: 4, firstReference: 5 } as const;

export function generationRepository(client: DynamoDBDocumentClient, tableName: string): GenerationStore {
  return {
    ...generationReadRepository(client, tableName),

    async create(generation, debit, marker, nowEpochSeconds) {
      const { userId } = generation;
      const references = generation.referenceUploadIds.map((uploadId) => ({
        ConditionCheck: {
          TableName: tableName,
          Key: keys.upload(userId, uploadId),
          ConditionExpression: '#status = :ready AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':ready': 'READY', ':now': nowEpochSeconds },
        },
      }));
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.profile(userId),
                UpdateExpression: 'SET credits = credits - :cost, updatedAt = :now',
                // The account guard, and the balance: one condition, so a refusal returns the profile either way.
                ConditionExpression: `${activeAccountCondition.expression} AND credits >= :cost`,
                ExpressionAttributeNames: { ...activeAccountCondition.names },
                ExpressionAttributeValues: {
                  ...activeAccountCondition.values,
                  ':cost': generation.credits,
                  ':now': generation.createdAt,
                },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              ConditionCheck: {
                TableName: tableName,
                Key: keys.conversationById(userId, generation.conversationId),
                ConditionExpression: 'attribute_exists(pk) AND #status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'ACTIVE' },
              },
            },
            {
              Put: {
                TableName: tableName,
                // In the outbox until its job is confirmed on the queue (domain/outbox/outbox.ts).
                Item: {
                  ...items.generation.to(generation),
                  ...keys.outboxEntry(keys.generationById(userId, generation.generationId), generation.createdAt),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.ledgerEntry.to(debit),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.idempotencyMarker.to(userId, marker),
                // An expired marker no longer counts, even before TTL removes it (SECURITY D5).
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
                ExpressionAttributeValues: { ':now': nowEpochSeconds },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            ...references,
          ],
        });
        return { outcome: 'created' };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        // A used key wins over every other reason: the request was already carried out.
        const marker = reasons[createAction.marker];
        if (marker?.failed) return { outcome: 'duplicate', marker: items.idempotencyMarker.from(marker.item ?? {}) };
        const wallet = reasons[createAction.wallet];
        if (wallet?.failed) {
          // The guard failed (no profile, or not ACTIVE) unless the account is active: then it was the balance.
          if (wallet.item?.status !== ('ACTIVE' satisfies AccountStatus)) return accountRefusal(wallet.item);
          return { outcome: 'insufficient_credits', balance: Number(wallet.item.credits ?? 0) };
        }
        if (reasons[createAction.conversation]?.failed) return { outcome: 'conversation_missing' };
        const reference = reasons.slice(createAction.firstReference).findIndex((reason) => reason.failed);
        if (reference !== -1)
          return { outcome: 'reference_not_ready', uploadId: generation.referenceUploadIds[reference] };
        throw error;
      }
    },

    async start(userId, generationId, now) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.generationById(userId, generationId),
            // A job that reached the worker is watched from this start until it settles, whatever the
            // request managed to record (domain/outbox/sweep-outbox.ts abandons one that never does).
            UpdateExpression: `SET #status = :running, attempts = attempts + :one, updatedAt = :now, startedAt = if_not_exists(startedAt, :now), ${setOutbox}`,
            ConditionExpression: '#status IN (:queued, :running)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...{ ':running': 'RUNNING', ':queued': 'QUEUED', ':one': 1, ':now': now },
              ...outboxValues(keys.generationById(userId, generationId), now, 'WATCH'),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? items.generation.from(Attributes) : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async succeed(generation, images, now) {
      const { userId, conversationId, generationId } = generation;
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.generationById(userId, generationId),
                // Settled: out of the outbox.
                UpdateExpression: `SET #status = :succeeded, images = :images, updatedAt = :now, finishedAt = :now ${removeOutbox}`,
                ConditionExpression: '#status = :running',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':succeeded': 'SUCCEEDED',
                  ':running': 'RUNNING',
                  ':images': images,
                  ':now': now,
                },
              },
            },
            {
              // A conversation being deleted takes no new images (its cleanup may already have run).
              ConditionCheck: {
                TableName: tableName,
                Key: keys.conversationById(userId, conversationId),
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'ACTIVE' },
              },
            },
            // Nor does an account being deleted: its objects are purged, and new ones would be orphans.
            activeAccountCheck(tableName, userId),
            ...images.map((image) => ({
              Put: { TableName: tableName, Item: items.image.to(generation, image, now) },
            })),
          ],
        });
        return true;
      } catch (error) {
        if (cancellationReasons(error)?.some((reason) => reason.failed)) return false;
        throw error;
      }
    },

    async failWithRefund(generation, status, failure, refund) {
      const { userId, generationId } = generation;
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.generationById(userId, generationId),
                UpdateExpression: `SET #status = :status, failure = :failure, updatedAt = :now, finishedAt = :now ${removeOutbox}`,
                // The transition that carries the refund can happen once.
                ConditionExpression: '#status IN (:queued, :running)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':status': status,
                  ':failure': failure,
                  ':queued': 'QUEUED',
                  ':running': 'RUNNING',
                  ':now': refund.createdAt,
                },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: keys.profile(userId),
                UpdateExpression: 'SET credits = credits + :amount, updatedAt = :now',
                // Never onto a deleted account's tombstone: the refund would outlive the purge.
                ConditionExpression: 'attribute_exists(pk) AND #status <> :deleted',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':amount': refund.amount,
                  ':now': refund.createdAt,
                  ':deleted': 'DELETED',
                },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: items.ledgerEntry.to(refund),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        });
        return true;
      } catch (error) {
        if (cancellationReasons(error)?.some((reason) => reason.failed)) return false;
        throw error;
      }
    },
  };
}
