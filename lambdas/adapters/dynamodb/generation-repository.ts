/**
 * Generation access patterns (docs/data-model.md): create with its debit in one transaction,
 * get by id (generation-read-repository.ts), and the worker's conditional transitions. The wallet's invariants live in
 * the conditions: the balance never goes below zero, an inactive account is never charged, a
 * refund rides on a state transition that can only happen once.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { planDebit, purchasedOnly, toBalanceView, type DebitSplit } from '../../domain/credits/wallet';
import type { GenerationStore } from '../../domain/generations/ports';
import type { AccountStatus, LedgerEntry } from '../../domain/profile/profile';
import { accountRefusal, activeAccountCheck } from './account-check';
import { failedConditionOf, transactionFailures as cancellationReasons } from './condition-failures';
import { generationReadRepository } from './generation-read-repository';
import * as items from './items';
import * as keys from './keys';
import { outboxValues, removeOutbox, setOutbox } from './outbox-attributes';
import { transactWrite } from './transactions';
import { debitUpdate, refundUpdate, walletFromItem } from './wallet-updates';

/**
 * How often one debit re-plans from the wallet a refusal returned: each refusal shows a newer
 * wallet, so more than a few only happens while the allowance/purchased boundary is contended.
 */
const maxDebitAttempts = 6;

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
      // Purchased credits first (one transaction for every account without a live allowance); a
      // refusal returns the wallet, which says how to draw instead (wallet-updates.ts).
      let split: DebitSplit = purchasedOnly(generation.credits);
      for (let attempt = 1; ; attempt++) {
        const drawn = {
          ...generation,
          ...(split.fromAllowance > 0
            ? { allowanceSpent: split.fromAllowance, allowanceExpiresAt: split.allowanceExpiresAt }
            : {}),
        };
        const entry = split.fromAllowance > 0 ? { ...debit, fromAllowance: -split.fromAllowance } : debit;
        try {
          await transactWrite(client, {
            TransactItems: [
              { Update: debitUpdate(tableName, userId, split, generation.createdAt) },
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
                    ...items.generation.to(drawn),
                    ...keys.outboxEntry(keys.generationById(userId, generation.generationId), generation.createdAt),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: items.ledgerEntry.to(entry),
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
            const seen = walletFromItem(wallet.item);
            const next = planDebit(seen, generation.credits, generation.createdAt);
            if (!next || attempt >= maxDebitAttempts) {
              return { outcome: 'insufficient_credits', balance: toBalanceView(seen, generation.createdAt).balance };
            }
            split = next;
            continue;
          }
          if (reasons[createAction.conversation]?.failed) return { outcome: 'conversation_missing' };
          const reference = reasons.slice(createAction.firstReference).findIndex((reason) => reason.failed);
          if (reference !== -1)
            return { outcome: 'reference_not_ready', uploadId: generation.referenceUploadIds[reference] };
          throw error;
        }
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
            UpdateExpression:
              'SET #status = :running, attempts = attempts + :one, updatedAt = :now, ' +
              `startedAt = if_not_exists(startedAt, :now), ${setOutbox}`,
            ConditionExpression: '#status IN (:queued, :running)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...{ ':running': 'RUNNING', ':queued': 'QUEUED', ':one': 1, ':now': now },
              ...outboxValues(keys.generationById(userId, generationId), now, 'WATCH'),
            },
            ReturnValues: 'ALL_NEW',
            // A finished generation comes back with the refusal: no second read for its chat reply.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return Attributes ? { kind: 'started', generation: items.generation.from(Attributes) } : { kind: 'gone' };
      } catch (error) {
        const failed = failedConditionOf(error);
        if (!failed) throw error;
        return failed.item ? { kind: 'settled', generation: items.generation.from(failed.item) } : { kind: 'gone' };
      }
    },

    async markChatReplied(userId, generationId, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.generationById(userId, generationId),
            UpdateExpression: 'SET chatReply.repliedAt = :at',
            ConditionExpression: 'attribute_exists(chatReply) AND attribute_not_exists(chatReply.repliedAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
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
                UpdateExpression:
                  'SET #status = :succeeded, images = :images, ' +
                  `updatedAt = :now, finishedAt = :now ${removeOutbox}`,
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
      const fromAllowance = generation.allowanceSpent ?? 0;
      const settle = (toAllowance: boolean) => {
        const entry: LedgerEntry = toAllowance
          ? { ...refund, fromAllowance }
          : { ...refund, amount: refund.amount - fromAllowance };
        return transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.generationById(userId, generationId),
                UpdateExpression:
                  'SET #status = :status, failure = :failure, ' + `updatedAt = :now, finishedAt = :now ${removeOutbox}`,
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
              Update: refundUpdate(
                tableName,
                userId,
                {
                  fromPurchased: refund.amount - fromAllowance,
                  fromAllowance,
                  allowanceExpiresAt: generation.allowanceExpiresAt,
                  now: refund.createdAt,
                },
                toAllowance,
              ),
            },
            {
              Put: {
                TableName: tableName,
                Item: items.ledgerEntry.to(entry),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        });
      };
      try {
        await settle(fromAllowance > 0);
        return true;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons?.some((reason) => reason.failed)) throw error;
        // Only the allowance's condition failed: it ended (or was replaced) since the debit.
        const allowanceEnded = fromAllowance > 0 && !reasons[0]?.failed && reasons[1]?.failed;
        if (!allowanceEnded) return false;
      }
      try {
        await settle(false);
        return true;
      } catch (error) {
        if (cancellationReasons(error)?.some((reason) => reason.failed)) return false;
        throw error;
      }
    },
  };
}
