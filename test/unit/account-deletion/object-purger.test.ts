/**
 * The account-deletion purger over a bucket in memory, behind the signed bucket's `send` (the
 * requests themselves are held equal to S3Client's in test/unit/s3/signed-bucket.test.ts): it
 * answers ListObjectsV2 and DeleteObjects as S3 does, XML included, so listing sees what was
 * deleted and per-key errors come back in a 200 answer.
 */
import { s3ObjectPurger } from '../../../lambdas/adapters/s3/object-purger';
import { escapeXml, unescapeXml } from '../../../lambdas/adapters/s3/s3-xml';
import type { S3Call, SignedBucket } from '../../../lambdas/adapters/s3/signed-bucket';

const noWait = async () => {};
const keysUnder = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}.png`);

/** A bucket in memory; `failing` says which keys a DeleteObjects reports in Errors, by attempt. */
function bucketWith(keys: string[], failing: (key: string, attempt: number) => boolean = () => false) {
  const objects = new Set(keys);
  const attempts = new Map<string, number>();
  const deleteCalls: string[][] = [];
  const bucket: SignedBucket = {
    async send(call: S3Call) {
      if (call.operation === 'ListObjectsV2') {
        const { prefix = '', 'max-keys': maxKeys = 1000 } = call.query ?? {};
        const under = [...objects].filter((key) => key.startsWith(prefix)).sort();
        const contents = under
          .slice(0, Number(maxKeys))
          .map((key) => `<Contents><Key>${escapeXml(key)}</Key><Size>1</Size></Contents>`)
          .join('');
        return new Response(
          `<ListBucketResult><IsTruncated>${under.length > Number(maxKeys)}</IsTruncated>` +
            `${contents}</ListBucketResult>`,
        );
      }
      if (call.operation === 'DeleteObjects') {
        const body = Buffer.from(call.body ?? new Uint8Array()).toString('utf8');
        const sent = [...body.matchAll(/<Key>(.*?)<\/Key>/g)].map(([, key]) => unescapeXml(key));
        deleteCalls.push(sent);
        const errors = sent.flatMap((key) => {
          const attempt = (attempts.get(key) ?? 0) + 1;
          attempts.set(key, attempt);
          if (failing(key, attempt)) return [`<Error><Key>${escapeXml(key)}</Key><Code>InternalError</Code></Error>`];
          objects.delete(key);
          return [];
        });
        return new Response(`<DeleteResult>${errors.join('')}</DeleteResult>`);
      }
      throw new Error(`unexpected ${call.operation}`);
    },
  };
  return { objects, deleteCalls, purger: s3ObjectPurger(bucket, noWait) };
}

it('empties every prefix with one DeleteObjects per page of 1,000 keys', async () => {
  const { objects, deleteCalls, purger } = bucketWith([
    ...keysUnder('users/u1/c/', 2500),
    ...keysUnder('uploads/u1/x/', 10),
    'users/u2/keep.png',
  ]);
  await expect(purger.purge(['users/u1/', 'uploads/u1/'], 10_000)).resolves.toEqual({ done: true, removed: 2510 });
  expect([...objects]).toEqual(['users/u2/keep.png']);
  expect(deleteCalls.map((keys) => keys.length)).toEqual([1000, 1000, 500, 10]);
});

it('sends again only the keys DeleteObjects reported in Errors', async () => {
  const failingOnce = new Set(['users/u1/3.png', 'users/u1/7.png']);
  const { objects, deleteCalls, purger } = bucketWith(
    keysUnder('users/u1/', 10),
    (key, attempt) => failingOnce.has(key) && attempt === 1,
  );
  await expect(purger.purge(['users/u1/'], 100)).resolves.toEqual({ done: true, removed: 10 });
  expect(deleteCalls[1].sort()).toEqual([...failingOnce].sort());
  expect(objects.size).toBe(0);
});

it('deletes keys that need escaping in XML exactly as listed', async () => {
  const { objects, purger } = bucketWith(['users/u1/a&b<c>.png', 'users/u1/"quoted"\n.png']);
  await expect(purger.purge(['users/u1/'], 100)).resolves.toEqual({ done: true, removed: 2 });
  expect(objects.size).toBe(0);
});

it('gives up with a TransientStepError when keys keep failing, leaving them for the retry', async () => {
  const { deleteCalls, purger } = bucketWith(keysUnder('users/u1/', 3), (key) => key === 'users/u1/1.png');
  await expect(purger.purge(['users/u1/'], 100)).rejects.toMatchObject({
    name: 'TransientStepError',
    message: 'DeleteObjects kept failing for 1 keys (first: InternalError)',
  });
  // Six DeleteObjects in all (retryPolicies.s3PerKeyErrors), every retry naming the failing key alone.
  expect(deleteCalls).toHaveLength(6);
  expect(deleteCalls.slice(1).every((keys) => keys.join() === 'users/u1/1.png')).toBe(true);
});

it('stops after its budget, saying more is left', async () => {
  const { objects, purger } = bucketWith(keysUnder('users/u1/', 3500));
  await expect(purger.purge(['users/u1/', 'uploads/u1/'], 2000)).resolves.toEqual({ done: false, removed: 2000 });
  expect(objects.size).toBe(1500);
});
