/** Upload access patterns: create (account guarded), get by id, settle PENDING once. */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { UploadStore } from '../../domain/uploads/upload-store';
import { putForActiveAccount } from './account-check';
import { items } from './items';
import { keys } from './keys';
import { UpdateBuilder } from './update-builder';

export function uploadRepository(client: DynamoDBDocumentClient, tableName: string): UploadStore {
  return {
    create: (upload) => putForActiveAccount(client, tableName, upload.userId, items.upload.to(upload)),

    async get(userId, uploadId, nowEpochSeconds) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.upload(userId, uploadId), ConsistentRead: true }));
      if (!Item) return undefined;
      const upload = items.upload.from(Item);
      // Expired items may linger until TTL runs; they are gone for the owner already (SECURITY D5).
      return upload.expiresAt > nowEpochSeconds ? upload : undefined;
    },

    async settle(upload, result, now) {
      const update = new UpdateBuilder().set('status', result.status).set('updatedAt', now);
      if (result.width !== undefined) update.set('width', result.width);
      if (result.height !== undefined) update.set('height', result.height);
      if (result.rejection !== undefined) update.set('rejection', result.rejection);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.upload(upload.userId, upload.uploadId),
            ...update.build({ expression: '#st = :pending', names: { '#st': 'status' }, values: { ':pending': 'PENDING' } }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
