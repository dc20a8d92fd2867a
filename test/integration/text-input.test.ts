/**
 * Text people type, end to end: emoji sequences are stored and read back exactly as sent, and
 * half a character (a lone UTF-16 surrogate, which JSON carries as "\ud800") is refused before
 * anything is written, so no list a client reads can hold a string its JSON reader rejects.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import {
  type ErrorBody,
  type GenerationBody,
  newConversation,
  postGeneration,
  signedIn,
} from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';

const artist = '👩‍🎨';
const rainbowFlag = '🏳️‍🌈';

let api: TestApi;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Every item in the person's partition: what a refused request must leave exactly as it was. */
async function partitionOf(userId: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.userPartition(userId) },
      ConsistentRead: true,
    }),
  );
  return Items;
}

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

describe('emoji sequences', () => {
  it('are stored and read back intact in a display name, a conversation title and a prompt', async () => {
    const { token } = await signedIn(api);
    const displayName = `Ann ${artist}${rainbowFlag}`;
    const title = `${rainbowFlag} Pride ${artist}`;
    const prompt = `a painter ${artist} under a ${rainbowFlag} flag, ❤️‍🔥`;

    await api.request('GET', '/v1/me', { token });
    const patched = await api.request('PATCH', '/v1/me', { token, body: { displayName } });
    const conversationId = await newConversation(api, token, title);
    const created = await postGeneration(api, token, conversationId, { prompt });

    expect(patched.status).toBe(200);
    expect(created.status).toBe(202);
    const generationId = (created.json as GenerationBody).id;
    const me = await api.request('GET', '/v1/me', { token });
    const conversation = await api.request('GET', `/v1/conversations/${conversationId}`, { token });
    const generation = await api.request('GET', `/v1/generations/${generationId}`, { token });
    const list = await api.request('GET', '/v1/conversations', { token });
    expect((me.json as { displayName: string }).displayName).toBe(displayName);
    expect(conversation.json).toMatchObject({ title, generations: [expect.objectContaining({ prompt })] });
    expect((generation.json as { prompt: string }).prompt).toBe(prompt);
    expect((list.json as { conversations: Array<{ title: string }> }).conversations).toEqual([
      expect.objectContaining({ title }),
    ]);
    await api.queues.drained();
  });
});

describe('a lone surrogate', () => {
  it('is refused with 400 in a display name, a title and a prompt, and nothing is written', async () => {
    const { token, sub } = await signedIn(api);
    const conversationId = await newConversation(api, token, 'Lighthouses');
    const before = await partitionOf(sub);

    const answers = [
      await api.request('PATCH', '/v1/me', { token, body: { displayName: 'x\ud800y' } }),
      await api.request('POST', '/v1/conversations', { token, body: { title: 'x\ud800y' } }),
      await api.request('PATCH', `/v1/conversations/${conversationId}`, { token, body: { title: 'x\udc00y' } }),
      await postGeneration(api, token, conversationId, { prompt: 'a lighthouse \ud83d at dusk' }),
    ];

    expect(answers.map((answer) => [answer.status, (answer.json as ErrorBody).error.code])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
    expect((answers[0].json as ErrorBody).error.message).toBe(
      'displayName: must be well-formed Unicode (no lone surrogates)',
    );
    expect(await partitionOf(sub)).toEqual(before);
  });
});
