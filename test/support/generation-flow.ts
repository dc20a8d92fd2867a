/**
 * Steps of the generation flow for integration tests: the calls a client makes, plus direct
 * looks at the table and the bucket to check what was (not) written.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { countCommands, type CommandCounts } from './command-counts';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { s3Client } from '../../local/emulators/s3';
import type { TestApi, TestResponse } from './local-api';

export interface GenerationBody {
  id: string;
  conversationId: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'BLOCKED' | 'FAILED';
  credits: number;
  images: Array<{ id: string; url: string; urlExpiresAt: string; width: number; height: number }>;
  error: { code: string; message: string } | null;
  timings: { queuedMs: number | null; runningMs: number | null };
}

export interface ErrorBody {
  error: { code: string; message: string };
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;
const bucket = () => process.env[envNames.imagesBucket]!;

export async function signedIn(api: TestApi): Promise<{ token: string; sub: string }> {
  const user = await api.signInUser(`person-${randomUUID()}@example.com`);
  return { token: user.accessToken, sub: user.sub };
}

export async function newConversation(api: TestApi, token: string, title?: string): Promise<string> {
  const response = await api.request('POST', '/v1/conversations', {
    token,
    body: title === undefined ? {} : { title },
  });
  if (response.status !== 201) throw new Error(`create conversation answered ${response.status}: ${response.text}`);
  return (response.json as { id: string }).id;
}

export function postGeneration(
  api: TestApi,
  token: string,
  conversationId: string,
  body: Record<string, unknown>,
  idempotencyKey: string = randomUUID(),
): Promise<TestResponse> {
  return api.request('POST', `/v1/conversations/${conversationId}/generations`, {
    token,
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Lets the in-process queues run every job to the end, then reads the generation. */
export async function settled(api: TestApi, token: string, generationId: string): Promise<GenerationBody> {
  await api.queues.drained();
  const response = await api.request('GET', `/v1/generations/${generationId}`, { token });
  if (response.status !== 200)
    throw new Error(`get generation answered ${response.status}: ${response.text}\n${api.logs.slice(-15).join('\n')}`);
  return response.json as GenerationBody;
}

export async function balanceOf(userId: string): Promise<number> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: keys.profile(userId), ConsistentRead: true }),
  );
  return Number(Item?.credits);
}

/** The generation's stored item, for what the API does not show (attempts). */
export async function generationItem(
  userId: string,
  generationId: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: keys.generationById(userId, generationId), ConsistentRead: true }),
  );
  return Item;
}

export async function ledgerOf(
  userId: string,
): Promise<Array<{ kind: string; amount: number; generationId?: string }>> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':ledger': keys.sortKeyPrefix.ledger },
      ConsistentRead: true,
    }),
  );
  return Items as Array<{ kind: string; amount: number; generationId?: string }>;
}

export async function objectsUnder(prefix: string): Promise<string[]> {
  const client = s3Client(process.env[envNames.s3Endpoint]!);
  try {
    const { Contents = [] } = await client.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }));
    return Contents.map((object) => object.Key!);
  } finally {
    client.destroy();
  }
}

/** A partition key as sent, marshalled (`{ S }`) or not, depending on where in the stack it is read. */
const pkOf = (key: unknown): string | undefined => {
  const pk = (key as { pk?: unknown } | undefined)?.pk;
  return typeof pk === 'string' ? pk : (pk as { S?: string } | undefined)?.S;
};

/**
 * Whether a request is the request limiter's (docs/abuse.md): its counter update, or the
 * transaction of a class that counts a user and an IP. Counted apart, so a route's request counts
 * (PERFORMANCE P5) read as its own work; request-limits.test.ts holds the limiter to one request.
 */
export function isLimiterRequest(commandName: string, input: unknown): boolean {
  const request = input as { Key?: unknown; TransactItems?: Array<{ Update?: { Key?: unknown } }> };
  if (commandName === 'UpdateItemCommand') return pkOf(request.Key)?.startsWith('LIMIT#') ?? false;
  if (commandName !== 'TransactWriteItemsCommand' || !request.TransactItems?.length) return false;
  return request.TransactItems.every((item) => pkOf(item.Update?.Key)?.startsWith('LIMIT#'));
}

/** Counts the DynamoDB requests the in-process handlers send (wire-level command names), the limiter's apart. */
export function countDynamoRequests(): CommandCounts {
  return countCommands(documentClient, isLimiterRequest);
}

/** Sends a file the way a browser does with the presigned POST the API handed out. */
export async function uploadWithPresignedPost(
  post: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  contentType: string,
): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }));
  const response = await fetch(post.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
