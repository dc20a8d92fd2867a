/**
 * For the account-deletion tests: an account with something in every place a user's data can
 * live, and a look at every key that could still hold it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PNG } from 'pngjs';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { hmacSubjectHasher } from '../../lambdas/adapters/secrets/subject-hasher';
import { envNames } from '../../lambdas/shared/config';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { newConversation, objectsUnder, postGeneration, settled, uploadWithPresignedPost } from './generation-flow';
import type { TestApi } from './local-api';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env[envNames.tableName]!;

export interface FullAccount {
  token: string;
  sub: string;
  email: string;
  conversationIds: string[];
  generationId: string;
  imageId: string;
  uploadId: string;
  prompt: string;
  telegramId: string;
}

function png(): Uint8Array {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

/**
 * Profile, consents, ledger, two conversations, a finished generation with its image, a validated
 * upload and a pointer item.
 */
export async function fullAccount(api: TestApi): Promise<FullAccount> {
  const email = `person-${randomUUID()}@example.com`;
  const { accessToken: token, sub } = await api.signInUser(email);
  const me = (await api.request('GET', '/v1/me', { token })).json as {
    consents: { currentPrivacyPolicyVersion: string };
  };
  await api.request('POST', '/v1/me/consents', {
    token,
    body: { privacyPolicyVersion: me.consents.currentPrivacyPolicyVersion, ageConfirmed: true },
  });
  await api.request('PATCH', '/v1/me', { token, body: { displayName: 'Ann Example' } });
  const conversationIds = [await newConversation(api, token, 'Holiday cards'), await newConversation(api, token)];
  const prompt = `a lighthouse at dusk ${randomUUID()}`;
  const posted = await postGeneration(api, token, conversationIds[0], {
    prompt,
    model: 'stable-image-core',
    aspectRatio: '1:1',
  });
  if (posted.status !== 202) throw new Error(`generation answered ${posted.status}: ${posted.text}`);
  const generation = await settled(api, token, (posted.json as { id: string }).id);
  if (generation.status !== 'SUCCEEDED') throw new Error(`generation ended ${generation.status}`);
  const created = await api.request('POST', '/v1/uploads', { token, body: { contentType: 'image/png' } });
  const { upload, post } = created.json as {
    upload: { id: string };
    post: { url: string; fields: Record<string, string> };
  };
  await uploadWithPresignedPost(post, png(), 'image/png');
  const completed = await api.request('POST', `/v1/uploads/${upload.id}/complete`, { token });
  if (completed.status !== 200) throw new Error(`upload completion answered ${completed.status}: ${completed.text}`);
  // A finished data export: its archive and checkpoint under exports/<id>/ must go too.
  const exported = await api.request('POST', '/v1/me/exports', { token });
  if (exported.status !== 202) throw new Error(`export answered ${exported.status}: ${exported.text}`);
  await api.queues.drained();
  if ((await objectsUnder(`exports/${sub}/`)).length === 0) throw new Error('the export left no archive');
  // A pointer item (a Telegram id → this user), as the Telegram feature will write it.
  const telegramId = String(Math.floor(Math.random() * 1e12));
  await db.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.externalIdentity('telegram', telegramId, sub), entityType: 'EXTERNAL_IDENTITY', userId: sub },
    }),
  );
  return {
    token,
    sub,
    email,
    conversationIds,
    generationId: generation.id,
    imageId: generation.images[0].id,
    uploadId: upload.id,
    prompt,
    telegramId,
  };
}

const query = async (input: {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}) => (await db.send(new QueryCommand({ TableName: table(), ...input }))).Items ?? [];

/**
 * Everything any key of the user could still reach: their partition, their gsi1 groups, their
 * pointers, their objects.
 */
export async function whatRemainsOf(account: FullAccount) {
  const subjectHash = await hmacSubjectHasher().hash(account.sub);
  const gsi1 = (gsi1pk: string) =>
    query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': gsi1pk } });
  const partition = (pk: string) =>
    query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
  return {
    partition: await partition(keys.userPartition(account.sub)),
    conversationGroups: (
      await Promise.all(account.conversationIds.map((id) => gsi1(keys.conversationGroup(account.sub, id).gsi1pk)))
    ).flat(),
    pointers: [
      ...(await gsi1(keys.ownedPointers(account.sub).gsi1pk)),
      ...(await partition(keys.externalIdentity('telegram', account.telegramId, account.sub).pk)),
    ],
    objects: (await Promise.all(objectKeys.userPrefixes(account.sub).map(objectsUnder))).flat(),
    retained: await partition(keys.retainedAccount(subjectHash).pk),
    receipts: await partition(keys.deletionReceipt(subjectHash).pk),
    subjectHash,
  };
}

/** Whether Cognito still knows the user. */
export async function cognitoUserExists(sub: string): Promise<boolean> {
  const client = new CognitoIdentityProviderClient({});
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: process.env[envNames.userPoolId]!, Username: sub }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return false;
    throw error;
  } finally {
    client.destroy();
  }
}
