/**
 * Reading one upload by id with its owner's account status (one BatchGetItem, SECURITY B4).
 * Apart from create and settle (upload-repository.ts) so the read route carries no write code.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UploadReadStore } from '../../domain/uploads/ports';
import { getWithAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function uploadReadRepository(client: DynamoDBDocumentClient, tableName: string): UploadReadStore {
  return {
    async get(userId, uploadId, nowEpochSeconds) {
      const { account, item } = await getWithAccount(client, tableName, userId, keys.upload(userId, uploadId));
      const upload = item && items.upload.from(item);
      // Expired items may linger until TTL runs; they are gone for the owner already (SECURITY D5).
      return { account, item: upload && upload.expiresAt > nowEpochSeconds ? upload : undefined };
    },
  };
}
