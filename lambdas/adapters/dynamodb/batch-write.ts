/**
 * BatchWriteItem done to the end: at most 25 requests per call, a few calls in flight, and the
 * `UnprocessedItems` DynamoDB hands back (throttling, partition limits) sent again with
 * full-jitter backoff (`retryPolicies.dynamoUnprocessed`). What is still unprocessed after that
 * is a TransientStepError, so the caller's retry (the workflow's Retry, the queue's redelivery)
 * picks it up; every request is idempotent.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryPolicies, retryRemainder, type Sleep } from '../../shared/retry';
import { TransientStepError } from '../../shared/transient-error';

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem's limit. */
const maxPerCall = 25;
const callsInFlight = 4;

/** Writes every request, 25 per call and up to four calls at a time. */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  sleep?: Sleep,
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += maxPerCall)
    chunks.push(requests.slice(start, start + maxPerCall));
  const writeChunk = (chunk: readonly WriteRequest[]) =>
    retryRemainder(
      retryPolicies.dynamoUnprocessed,
      chunk,
      async (pending) => {
        const { UnprocessedItems } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }),
        );
        return (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      },
      {
        sleep,
        giveUp: (left, attempts) =>
          new TransientStepError(`${left.length} items stayed unprocessed after ${attempts} BatchWriteItem calls`),
      },
    );
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await writeChunk(chunks[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(callsInFlight, chunks.length) }, lane));
}
