/**
 * Reads of user data that also read the owner's account, so a deleting or disabled account's
 * still-valid token sees nothing (SECURITY B4). Two shapes:
 *  - one item by key: a single BatchGetItem (strongly consistent) of the profile and the item
 *    together, so the read stays one request (PERFORMANCE P5);
 *  - a Query (which cannot also read the profile): a GetItem of the profile's status sent at
 *    the same time, one round trip of latency for two requests (docs/data-model.md).
 */
import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountSeen, OwnedRead } from '../../domain/profile/account-status';
import { retryPolicies, retryRemainder, type Sleep } from '../../shared/retry';
import * as items from './items';
import * as keys from './keys';
import type { ItemKey } from './keys';

type Item = Record<string, unknown>;

/**
 * The item at `key` and its owner's account, in one BatchGetItem (plus one per retry of unprocessed keys,
 * `retryPolicies.dynamoUnprocessed`).
 */
export async function getWithAccount(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  key: ItemKey,
  sleep?: Sleep,
): Promise<OwnedRead<Item>> {
  const profileKey = keys.profile(userId);
  const found = await getConsistently(client, tableName, [profileKey, { pk: key.pk, sk: key.sk }], sleep);
  // BatchGetItem answers in no particular order: match each item to its key.
  const at = (wanted: ItemKey) => found.find((item) => item.pk === wanted.pk && item.sk === wanted.sk);
  return { account: items.accountSeen.from(at(profileKey)), item: at(key) };
}

/**
 * The items at `wanted`, strongly consistent, in one BatchGetItem (plus one per retry of
 * unprocessed keys, `retryPolicies.dynamoUnprocessed`), in no particular order.
 */
export async function getConsistently(
  client: DynamoDBDocumentClient,
  tableName: string,
  wanted: readonly ItemKey[],
  sleep?: Sleep,
): Promise<Item[]> {
  const found: Item[] = [];
  // BatchGetItem may leave keys unprocessed under throttling: only those are asked again.
  await retryRemainder(
    retryPolicies.dynamoUnprocessed,
    [...wanted],
    async (pending) => {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [...pending], ConsistentRead: true } } }),
      );
      found.push(...(Responses?.[tableName] ?? []));
      return (UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    },
    {
      sleep,
      giveUp: (left, attempts) =>
        new Error(`BatchGetItem left ${left.length} key(s) unprocessed after ${attempts} attempts`),
    },
  );
  return found;
}

/** Runs a Query (`read`) and reads the account's status at the same time. */
export async function withAccount<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  read: () => Promise<T>,
): Promise<{ account: AccountSeen; result: T }> {
  const [profile, result] = await Promise.all([
    client.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.profile(userId),
        ConsistentRead: true,
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    ),
    read(),
  ]);
  return { account: items.accountSeen.from(profile.Item), result };
}
