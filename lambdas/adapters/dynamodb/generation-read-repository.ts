/**
 * Reading one generation by id with its owner's account (one BatchGetItem, SECURITY B4). Apart
 * from the create transaction and the worker's transitions (generation-repository.ts) so the
 * read route carries none of them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GenerationReadStore } from '../../domain/generations/ports';
import { getWithAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';

export function generationReadRepository(client: DynamoDBDocumentClient, tableName: string): GenerationReadStore {
  return {
    async get(userId, generationId) {
      const { account, item } = await getWithAccount(
        client,
        tableName,
        userId,
        keys.generationById(userId, generationId),
      );
      return { account, item: item && items.generation.from(item) };
    },
  };
}
