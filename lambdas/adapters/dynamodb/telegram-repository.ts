/**
 * The Telegram bot's items (docs/telegram.md): the seen-updates set and the identity pointer. The
 * pointer is created together with the profile and its starter grant, so a first contact makes
 * one account however often it is redelivered or raced.
 */
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { telegramProvider } from '../../domain/telegram/contracts';
import type { TelegramIdentityStore, UpdateReceipts } from '../../domain/telegram/ports';
import { failedConditionOf, failedTransactionConditionOf } from './condition-failures';
import * as items from './items';
import * as keys from './keys';

export function telegramUpdateReceipts(client: DynamoDBDocumentClient, tableName: string): UpdateReceipts {
  return {
    async claim(receipt) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: items.telegramUpdateReceipt.to(receipt),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (failedConditionOf(error)) return false;
        throw error;
      }
    },

    async recordFailure(updateId, failure, now) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.telegramUpdate(updateId),
          UpdateExpression: 'SET failure = :failure, failedAt = :now',
          ExpressionAttributeValues: { ':failure': failure, ':now': now },
        }),
      );
    },

    async release(updateId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.telegramUpdate(updateId) }));
    },
  };
}

/** Only the pointer's own key: `externalIdentity` needs the owner for gsi1, which updates never touch. */
const pointerKey = (telegramUserId: string) => {
  const { pk, sk } = keys.externalIdentity(telegramProvider, telegramUserId, '');
  return { pk, sk };
};

export function telegramIdentityRepository(client: DynamoDBDocumentClient, tableName: string): TelegramIdentityStore {
  const update = (telegramUserId: string, expression: string, values: Record<string, unknown>) =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: pointerKey(telegramUserId),
        UpdateExpression: expression,
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        // Never recreate a pointer that unlinking or deletion removed meanwhile.
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  return {
    async getIdentity(telegramUserId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: pointerKey(telegramUserId), ConsistentRead: true }),
      );
      return Item ? items.telegramIdentity.from(Item) : undefined;
    },

    async createIdentity(identity, profile, grant) {
      const absent = 'attribute_not_exists(pk)';
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: items.telegramIdentity.to(identity), ConditionExpression: absent } },
              { Put: { TableName: tableName, Item: items.profile.to(profile), ConditionExpression: absent } },
              { Put: { TableName: tableName, Item: items.ledgerEntry.to(grant), ConditionExpression: absent } },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (failedTransactionConditionOf(error, 0)) return false;
        throw error;
      }
    },

    async updateTelegramSide(telegramUserId, side) {
      const set = ['chatId = :chatId'];
      const remove: string[] = [];
      const values: Record<string, unknown> = { ':chatId': side.chatId };
      for (const name of ['username', 'languageCode'] as const) {
        const value = side[name];
        if (value === undefined) remove.push(name);
        else {
          set.push(`${name} = :${name}`);
          values[`:${name}`] = value;
        }
      }
      await update(
        telegramUserId,
        `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        values,
      );
    },

    async setChosenLanguage(telegramUserId, language) {
      await update(telegramUserId, 'SET chosenLanguage = :language', { ':language': language });
    },

    async setUnreachable(telegramUserId, at) {
      await (at === undefined
        ? update(telegramUserId, 'REMOVE unreachableAt', {})
        : update(telegramUserId, 'SET unreachableAt = :at', { ':at': at }));
    },

    async setConversation(telegramUserId, conversationId, replacing) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: pointerKey(telegramUserId),
            UpdateExpression: 'SET conversationId = :conversation',
            ConditionExpression:
              'attribute_exists(pk) AND ' +
              (replacing === undefined
                ? 'attribute_not_exists(conversationId)'
                : '(attribute_not_exists(conversationId) OR conversationId = :replacing)'),
            ExpressionAttributeValues: {
              ':conversation': conversationId,
              ...(replacing === undefined ? {} : { ':replacing': replacing }),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return conversationId;
      } catch (error) {
        // Another prompt of the same person set one first: use theirs.
        const current = failedConditionOf(error)?.item?.conversationId;
        if (typeof current === 'string') return current;
        throw error;
      }
    },
  };
}
