/**
 * Reading one image by id in its owner's partition, with the account (one BatchGetItem,
 * SECURITY B4). Apart from the removal transaction (image-repository.ts) so the read route
 * carries none of it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageReadStore } from '../../domain/images/ports';
import { getWithAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function imageReadRepository(client: DynamoDBDocumentClient, tableName: string): ImageReadStore {
  return {
    async get(userId, imageId) {
      const { account, item } = await getWithAccount(client, tableName, userId, keys.image(userId, imageId));
      return { account, item: item && items.image.from(item) };
    },
  };
}
