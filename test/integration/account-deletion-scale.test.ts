/**
 * PERFORMANCE P7 on the local stack: an account with 10,000 items and 10,000 objects is fully
 * erased, and the work grows linearly: BatchWriteItem calls ≈ items / 25 and DeleteObjects calls
 * ≈ objects / 1,000. Counts only; time per 1,000 items is measured by `npm run bench:deletion`.
 */
import { randomUUID } from 'node:crypto';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { imagesBucket } from '../../lambdas/adapters/s3/images-bucket';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { seedBulkAccount } from '../support/bulk-account';
import { objectsUnder } from '../support/generation-flow';
import { countCommands } from '../support/command-counts';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

it('erases 10,000 items and 10,000 objects with about items/25 batch writes and objects/1,000 deletes', async () => {
  const items = 10_000;
  const objects = 10_000;
  const email = `bulk-${randomUUID()}@example.com`;
  const { accessToken: token, sub } = await api.signInUser(email);
  expect((await api.request('GET', '/v1/me', { token })).status).toBe(200);
  await seedBulkAccount(sub, { items, objects });

  const dynamo = countCommands(documentClient);
  const s3 = countCommands(imagesBucket());
  try {
    expect((await api.request('DELETE', '/v1/me', { token })).status).toBe(202);
    expect((await api.stepFunctions.waitForExecution(`delete-${sub}`)).status).toBe('SUCCEEDED');
  } finally {
    dynamo.stop();
    s3.stop();
  }

  expect((await Promise.all(objectKeys.userPrefixes(sub).map(objectsUnder))).flat()).toEqual([]);
  // The seeded items and the starter-grant ledger entry go in full batches of 25; two more
  // writes are the retained copy of that grant and the retained account summary.
  const owned = items + 1;
  expect(dynamo.count('BatchWriteItemCommand')).toBe(Math.ceil(owned / 25) + 2);
  expect(s3.count('DeleteObjectsCommand')).toBe(objects / 1000);
  // Bounded work per invocation: the purges looped (5,000 per run), so the Choice ran them again.
  const states = api.stepFunctions.statesRun(`delete-${sub}`);
  expect(states.filter((state) => state === 'PurgeItems').length).toBeGreaterThanOrEqual(3);
  expect(states.filter((state) => state === 'PurgeObjects').length).toBeGreaterThanOrEqual(2);
}, 600_000);
