/**
 * Upload access patterns: create and settle (both account guarded); get by id is
 * upload-read-repository.ts. Create and complete are separate factories so each route's bundle
 * carries only its own writes.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UploadCreationStore, UploadStore } from '../../domain/uploads/ports';
import { accountRefusal, activeAccountCheck, putForActiveAccount } from './account-check';
import { transactionFailures } from './condition-failures';
import * as items from './items';
import * as keys from './keys';
import { transactWrite } from './transactions';
import { uploadReadRepository } from './upload-read-repository';
import { UpdateBuilder } from './update-builder';

/** Creating an upload: a put guarded by the account, and nothing else (POST /v1/uploads). */
export function uploadCreationRepository(client: DynamoDBDocumentClient, tableName: string): UploadCreationStore {
  return { create: (upload) => putForActiveAccount(client, tableName, upload.userId, items.upload.to(upload)) };
}

/** Completing an upload: read it, settle it. */
export function uploadRepository(client: DynamoDBDocumentClient, tableName: string): UploadStore {
  return {
    ...uploadReadRepository(client, tableName),

    async settle(upload, result, now) {
      const update = new UpdateBuilder().set('status', result.status).set('updatedAt', now);
      if (result.width !== undefined) update.set('width', result.width);
      if (result.height !== undefined) update.set('height', result.height);
      if (result.rejection !== undefined) update.set('rejection', result.rejection);
      try {
        await transactWrite(client, {
          TransactItems: [
            activeAccountCheck(tableName, upload.userId),
            {
              Update: {
                TableName: tableName,
                Key: keys.upload(upload.userId, upload.uploadId),
                ...update.build({
                  expression: '#st = :pending',
                  names: { '#st': 'status' },
                  values: { ':pending': 'PENDING' },
                }),
              },
            },
          ],
        });
        return { outcome: 'settled' };
      } catch (error) {
        const [account, settled] = transactionFailures(error) ?? [];
        if (account?.failed) return accountRefusal(account.item);
        if (settled?.failed) return { outcome: 'not_pending' };
        throw error;
      }
    },
  };
}
