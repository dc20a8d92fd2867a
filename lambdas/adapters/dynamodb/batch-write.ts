/**
 * BatchWriteItem done to the end: at most 25 requests per call, a few calls in flight, and the
 * `UnprocessedItems` DynamoDB hands back (throttling, partition limits) sent again with
 * full-jitter backoff. What is still unprocessed after that is a TransientStepError, so the
 * caller's retry (the workflow's Retry) picks it up; every request is idempotent.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransientStepError } from '../../shared/transient-error';

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

const maxPerCall = 25;
const callsInFlight = 4;
const maxAttempts = 8;
const baseDelayMs = 25;
const maxDelayMs = 1_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  sleep: (ms: number) => Promise<void> = pause,
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += maxPerCall)
    chunks.push(requests.slice(start, start + maxPerCall));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await writeChunk(client, tableName, chunks[next++], sleep);
  };
  await Promise.all(Array.from({ length: Math.min(callsInFlight, chunks.length) }, lane));
}

async function writeChunk(
  client: DynamoDBDocumentClient,
  tableName: string,
  chunk: WriteRequest[],
  sleep: (ms: number) => Promise<void>,
) {
  let pending = chunk;
  for (let attempt = 1; ; attempt += 1) {
    const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    if (pending.length === 0) return;
    if (attempt >= maxAttempts)
      throw new TransientStepError(`${pending.length} items stayed unprocessed after ${attempt} BatchWriteItem calls`);
    // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter").
    await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
  }
}
