import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { s3ObjectPurger } from '../../../lambdas/adapters/s3/object-purger';

const client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(client);
const noWait = async () => {};
const purger = s3ObjectPurger(client, 'images', noWait);
const keysUnder = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}.png`);
const deletedKeys = (call: number) =>
  s3.commandCalls(DeleteObjectsCommand)[call].args[0].input.Delete!.Objects!.map((o) => o.Key);

/** A bucket in memory behind the mocked ListObjectsV2 and DeleteObjects, so listing sees what was deleted. */
function bucketWith(keys: string[], failing: (key: string, attempt: number) => boolean = () => false) {
  const objects = new Set(keys);
  const attempts = new Map<string, number>();
  s3.on(ListObjectsV2Command).callsFake(({ Prefix, MaxKeys }) => {
    const under = [...objects].filter((key) => key.startsWith(Prefix)).sort();
    return { Contents: under.slice(0, MaxKeys).map((Key) => ({ Key })), IsTruncated: under.length > MaxKeys };
  });
  s3.on(DeleteObjectsCommand).callsFake(({ Delete }) => {
    const Errors: { Key: string; Code: string }[] = [];
    for (const { Key } of Delete.Objects) {
      const attempt = (attempts.get(Key) ?? 0) + 1;
      attempts.set(Key, attempt);
      if (failing(Key, attempt)) Errors.push({ Key, Code: 'InternalError' });
      else objects.delete(Key);
    }
    return { Errors };
  });
  return objects;
}

beforeEach(() => s3.reset());

it('empties every prefix with one DeleteObjects per page of 1,000 keys', async () => {
  const objects = bucketWith([
    ...keysUnder('users/u1/c/', 2500),
    ...keysUnder('uploads/u1/x/', 10),
    'users/u2/keep.png',
  ]);
  await expect(purger.purge(['users/u1/', 'uploads/u1/'], 10_000)).resolves.toEqual({ done: true, removed: 2510 });
  expect([...objects]).toEqual(['users/u2/keep.png']);
  expect(s3.commandCalls(DeleteObjectsCommand).map((_, i) => deletedKeys(i).length)).toEqual([1000, 1000, 500, 10]);
});

it('sends again only the keys DeleteObjects reported in Errors', async () => {
  const failingOnce = new Set(['users/u1/3.png', 'users/u1/7.png']);
  const objects = bucketWith(keysUnder('users/u1/', 10), (key, attempt) => failingOnce.has(key) && attempt === 1);
  await expect(purger.purge(['users/u1/'], 100)).resolves.toEqual({ done: true, removed: 10 });
  expect(deletedKeys(1).sort()).toEqual([...failingOnce].sort());
  expect(objects.size).toBe(0);
});

it('gives up with a TransientStepError when keys keep failing, leaving them for the retry', async () => {
  bucketWith(keysUnder('users/u1/', 3), (key) => key === 'users/u1/1.png');
  await expect(purger.purge(['users/u1/'], 100)).rejects.toMatchObject({ name: 'TransientStepError' });
  expect(
    s3
      .commandCalls(DeleteObjectsCommand)
      .slice(1)
      .every((_, i) => deletedKeys(i + 1).join() === 'users/u1/1.png'),
  ).toBe(true);
});

it('stops after its budget, saying more is left', async () => {
  const objects = bucketWith(keysUnder('users/u1/', 3500));
  await expect(purger.purge(['users/u1/', 'uploads/u1/'], 2000)).resolves.toEqual({ done: false, removed: 2000 });
  expect(objects.size).toBe(1500);
});
