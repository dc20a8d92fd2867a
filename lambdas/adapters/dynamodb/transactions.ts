/**
 * TransactWriteItems with the one retry the SDK does not do: DynamoDB cancels a transaction
 * with `TransactionConflict` when another transaction touches the same item at the same time
 * (100 people racing for one wallet does exactly that). Such a cancellation says nothing about
 * the conditions, so it is tried again with jittered backoff; every other cancellation is the
 * answer and goes back to the caller.
 */
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

const maxAttempts = 12;
const baseDelayMs = 10;
const maxDelayMs = 500;

function isConflict(error: unknown): boolean {
  if (error instanceof TransactionConflictException) return true;
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  // Conflict on some item and no failed condition anywhere: the outcome is still undecided.
  return (
    reasons.some((reason) => reason.Code === 'TransactionConflict') &&
    !reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

export async function transactWrite(
  client: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= maxAttempts) throw error;
      // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter").
      await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
  }
}
