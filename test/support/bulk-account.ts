/**
 * A large account for the deletion scale checks (PERFORMANCE P7): `items` generation-like items
 * in the user's partition and `objects` small objects under their images prefix, written
 * directly (through the key builders) so seeding costs batches, not API calls.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { envNames } from '../../lambdas/shared/config';
import { objectKeys as storageKeys } from '../../lambdas/domain/storage/object-keys';
import { s3Client } from '../../local/emulators/s3';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

async function inLanes<T>(work: readonly T[], lanes: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < work.length) await run(work[next++]);
    }),
  );
}

/** `objectBytes`: each object's size (default 1 byte); its bytes are random, as image bytes are to a ZIP. */
export async function seedBulkAccount(
  userId: string,
  counts: { items: number; objects: number; objectBytes?: number },
): Promise<void> {
  const table = process.env[envNames.tableName]!;
  const items = Array.from({ length: counts.items }, (_, index) => ({
    ...keys.generationById(userId, `BULK${String(index).padStart(8, '0')}`),
    entityType: 'GENERATION',
    prompt: 'bulk',
  }));
  const batches: (typeof items)[] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  await inLanes(batches, 8, async (batch) => {
    let pending: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const { UnprocessedItems } = await db.send(
        new BatchWriteCommand({ RequestItems: { [table]: pending as never } }),
      );
      pending = UnprocessedItems?.[table] ?? [];
    }
  });
  const s3 = s3Client(process.env[envNames.s3Endpoint]!);
  try {
    // Laid out as real accounts are, images grouped by conversation (50 each). One folder of
    // 10,000 would measure s3rver rather than the purge: after every delete it lists the
    // object's folder to see whether it is empty, so one big folder costs O(n²).
    const objectKeys = Array.from({ length: counts.objects }, (_, index) =>
      storageKeys.generatedImage(
        userId,
        `BULKCONV${String(Math.floor(index / 50)).padStart(6, '0')}`,
        `BULK${String(index).padStart(8, '0')}`,
      ),
    );
    const body = counts.objectBytes ? randomBytes(counts.objectBytes) : 'x';
    await inLanes(objectKeys, 16, async (Key) => {
      await s3.send(new PutObjectCommand({ Bucket: process.env[envNames.imagesBucket]!, Key, Body: body }));
    });
  } finally {
    s3.destroy();
  }
}
