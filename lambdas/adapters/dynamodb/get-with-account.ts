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
import type { AccountStatus } from '../../domain/profile/profile';
import * as keys from './keys';
import type { ItemKey } from './keys';

type Item = Record<string, unknown>;

/** BatchGetItem may leave keys unprocessed under throttling; they are asked again with backoff, this many times at most. */
const maxAttempts = 8;
const baseDelayMs = 25;
const maxDelayMs = 1000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const accountOf = (profile: Item | undefined): AccountSeen =>
  profile ? { status: profile.status as AccountStatus } : undefined;

/** The item at `key` and its owner's account, in one BatchGetItem (plus one per retry of unprocessed keys). */
export async function getWithAccount(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  key: ItemKey,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<OwnedRead<Item>> {
  const profileKey = keys.profile(userId);
  const found: Item[] = [];
  let pending: ItemKey[] = [profileKey, { pk: key.pk, sk: key.sk }];
  for (let attempt = 1; ; attempt += 1) {
    const { Responses, UnprocessedKeys } = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    found.push(...(Responses?.[tableName] ?? []));
    pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    if (pending.length === 0) break;
    if (attempt >= maxAttempts)
      throw new Error(`BatchGetItem left ${pending.length} key(s) unprocessed after ${attempt} attempts`);
    // Full jitter, as for transaction conflicts (transactions.ts).
    await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
  }
  // BatchGetItem answers in no particular order: match each item to its key.
  const at = (wanted: ItemKey) => found.find((item) => item.pk === wanted.pk && item.sk === wanted.sk);
  return { account: accountOf(at(profileKey)), item: at(key) };
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
  return { account: accountOf(profile.Item), result };
}
