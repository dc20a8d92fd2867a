/**
 * The read of "an item and its owner's account" (SECURITY B4 in one request, PERFORMANCE P5):
 * what it asks DynamoDB, how it matches the answers, and how it retries unprocessed keys.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { getWithAccount, withAccount } from '../../../lambdas/adapters/dynamodb/get-with-account';
import * as keys from '../../../lambdas/adapters/dynamodb/keys';

const table = 'pictor-test';
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const dynamo = mockClient(client);

const profileKey = keys.profile('ann');
const imageKey = keys.image('ann', 'img-0123456789');
const profile = { ...profileKey, entityType: 'PROFILE', status: 'DELETING', credits: 3 };
const image = { ...imageKey, entityType: 'IMAGE', objectKey: 'users/ann/conversations/c/img.png' };

const batchRequests = () => dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems![table]);
const noSleep = jest.fn(async () => undefined);

beforeEach(() => {
  dynamo.reset();
  noSleep.mockClear();
});

describe('getWithAccount', () => {
  it(
    'reads the profile and the item in one strongly consistent BatchGetItem and matches answers to keys, in any ' +
      'order',
    async () => {
      dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [image, profile] } });

      const read = await getWithAccount(client, table, 'ann', imageKey, noSleep);

      expect(read).toEqual({ account: { status: 'DELETING' }, item: image });
      expect(batchRequests()).toEqual([{ Keys: [profileKey, imageKey], ConsistentRead: true }]);
    },
  );

  it('answers no account and no item when neither exists', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [] } });

    expect(await getWithAccount(client, table, 'ann', imageKey, noSleep)).toEqual({
      account: undefined,
      item: undefined,
    });
  });

  it('asks again for exactly the unprocessed keys, consistently, and keeps what came back before', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [table]: [profile] },
        UnprocessedKeys: { [table]: { Keys: [imageKey], ConsistentRead: true } },
      })
      .resolvesOnce({
        Responses: { [table]: [] },
        UnprocessedKeys: { [table]: { Keys: [imageKey], ConsistentRead: true } },
      })
      .resolvesOnce({ Responses: { [table]: [image] } });

    const read = await getWithAccount(client, table, 'ann', imageKey, noSleep);

    expect(read).toEqual({ account: { status: 'DELETING' }, item: image });
    expect(batchRequests()).toEqual([
      { Keys: [profileKey, imageKey], ConsistentRead: true },
      { Keys: [imageKey], ConsistentRead: true },
      { Keys: [imageKey], ConsistentRead: true },
    ]);
    expect(noSleep).toHaveBeenCalledTimes(2);
  });

  it('gives up with an error, never a partial answer, when keys stay unprocessed', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolves({ Responses: { [table]: [image] }, UnprocessedKeys: { [table]: { Keys: [profileKey] } } });

    await expect(getWithAccount(client, table, 'ann', imageKey, noSleep)).rejects.toThrow(
      /unprocessed after 8 attempts/,
    );
    expect(batchRequests()).toHaveLength(8);
  });
});

describe('withAccount', () => {
  it('sends the Query while the GetItem of the account is still out (one round trip), and answers both', async () => {
    const events: string[] = [];
    dynamo.on(GetCommand).callsFake(async () => {
      events.push('account asked');
      await Promise.resolve();
      events.push('account answered');
      return { Item: { status: 'ACTIVE' } };
    });

    const read = await withAccount(client, table, 'ann', async () => {
      events.push('query sent');
      return ['page'];
    });

    expect(read).toEqual({ account: { status: 'ACTIVE' }, result: ['page'] });
    expect(events).toEqual(['account asked', 'query sent', 'account answered']);
    expect(dynamo.commandCalls(GetCommand)[0].args[0].input).toMatchObject({ Key: profileKey, ConsistentRead: true });
  });

  it('answers no account when there is no profile', async () => {
    dynamo.on(GetCommand).resolves({});

    expect(await withAccount(client, table, 'ann', async () => 'page')).toEqual({ account: undefined, result: 'page' });
  });
});
