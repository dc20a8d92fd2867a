import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { batchWriteAll } from '../../../lambdas/adapters/dynamodb/batch-write';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(documentClient);
const noWait = async () => {};
const deletes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ DeleteRequest: { Key: { pk: 'USER#u', sk: `GEN#${i}` } } }));
type Sent = { RequestItems: Record<string, { DeleteRequest: { Key: { sk: string } } }[]> };
const sentKeys = (call: number) =>
  (dynamo.commandCalls(BatchWriteCommand)[call].args[0].input as Sent).RequestItems.T.map(
    (r) => r.DeleteRequest.Key.sk,
  );

beforeEach(() => dynamo.reset());

it('sends at most 25 requests per call, every request once', async () => {
  dynamo.on(BatchWriteCommand).resolves({});
  await batchWriteAll(documentClient, 'T', deletes(60), noWait);
  const calls = dynamo.commandCalls(BatchWriteCommand);
  expect(calls.map((_, i) => sentKeys(i).length).sort()).toEqual([10, 25, 25]);
  expect(calls.flatMap((_, i) => sentKeys(i)).sort()).toEqual(
    deletes(60)
      .map((d) => d.DeleteRequest.Key.sk)
      .sort(),
  );
});

it('sends again exactly the UnprocessedItems, until none are left', async () => {
  const requests = deletes(5);
  dynamo
    .on(BatchWriteCommand)
    .resolvesOnce({ UnprocessedItems: { T: requests.slice(3) } })
    .resolvesOnce({ UnprocessedItems: { T: requests.slice(4) } })
    .resolves({});
  await batchWriteAll(documentClient, 'T', requests, noWait);
  expect([0, 1, 2].map(sentKeys)).toEqual([
    ['GEN#0', 'GEN#1', 'GEN#2', 'GEN#3', 'GEN#4'],
    ['GEN#3', 'GEN#4'],
    ['GEN#4'],
  ]);
});

it('gives up with a TransientStepError (the workflow retries) when items stay unprocessed', async () => {
  const requests = deletes(2);
  dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { T: requests } });
  await expect(batchWriteAll(documentClient, 'T', requests, noWait)).rejects.toMatchObject({
    name: 'TransientStepError',
  });
  expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(8);
});
