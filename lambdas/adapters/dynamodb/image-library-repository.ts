/**
 * The library's reads (docs/data-model.md, patterns 18 and 19): a page of the caller's images,
 * newest first, from their gsi1 group; or a page of their favorites, newest favorite first,
 * from the sparse `favorites` index. One Query per page, with the account's status read beside
 * it (SECURITY B4). Neither filters: the index holds exactly what the page lists.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageLibraryStore } from '../../domain/images/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import { favoritesIndexName } from './table-design';

export function imageLibraryRepository(client: DynamoDBDocumentClient, tableName: string): ImageLibraryStore {
  return {
    async list(userId, shelf, page) {
      const shelfQuery = shelf === 'all' ? allImages(userId) : favoriteImages(userId);
      // The table's own keys ride in the cursor too: they order items whose index keys are equal.
      const fixed = { pk: keys.userPartition(userId), ...shelfQuery.partition };
      const startKey = decodeCursor(page.cursor, fixed, { ...shelfQuery.sortField, sk: keys.sortKeyPrefix.image });
      const { account, result } = await withAccount(client, tableName, userId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: shelfQuery.indexName,
            KeyConditionExpression: `#pk = :pk`,
            ExpressionAttributeNames: { '#pk': shelfQuery.partitionName },
            ExpressionAttributeValues: { ':pk': shelfQuery.partitionValue },
            ScanIndexForward: false,
            // One more than the page: it tells whether another page exists, so the last page has no cursor.
            Limit: page.limit + 1,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const found = result.Items ?? [];
      const listed = found.slice(0, page.limit);
      // The index projects every attribute, so the last listed item carries the keys a cursor needs.
      const last = found.length > page.limit ? listed[listed.length - 1] : undefined;
      return {
        account,
        items: listed.map(items.image.from),
        nextCursor: encodeCursor(last, [...Object.keys(shelfQuery.sortField), 'sk']),
      };
    },
  };
}

/** The library's gsi1 group. */
function allImages(userId: string) {
  const partition = keys.library(userId);
  return {
    indexName: 'gsi1',
    partition,
    partitionName: 'gsi1pk',
    partitionValue: partition.gsi1pk,
    sortField: { gsi1sk: keys.libraryPrefix.image },
  };
}

/** The user's partition of the sparse favorites index. */
function favoriteImages(userId: string) {
  const partition = keys.favorites(userId);
  return {
    indexName: favoritesIndexName,
    partition,
    partitionName: 'favoritesPk',
    partitionValue: partition.favoritesPk,
    sortField: { favoritesSk: keys.libraryPrefix.favorite },
  };
}
