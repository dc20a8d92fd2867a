/** Image access pattern: get one by id in its owner's partition. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStore } from '../../domain/images/image';
import { keys } from './keys';

export function imageRepository(client: DynamoDBDocumentClient, tableName: string): ImageStore {
  return {
    async get(userId, imageId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.image(userId, imageId), ConsistentRead: true }));
      if (!Item) return undefined;
      const { imageId: id, objectKey, width, height, conversationId, generationId, createdAt } = Item as unknown as ImageRecord;
      return { imageId: id, userId, objectKey, width, height, conversationId, generationId, createdAt };
    },
  };
}
