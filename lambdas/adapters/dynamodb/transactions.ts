/**
 * TransactWriteItems with the one retry the SDK does not do: DynamoDB cancels a transaction
 * with `TransactionConflict` when another transaction touches the same item at the same time
 * (100 people racing for one wallet does exactly that). Such a cancellation says nothing about
 * the conditions, so it is tried again with jittered backoff (lambdas/shared/retry.ts); every other cancellation is the
 * answer and goes back to the caller.
 */
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { retryCall, retryPolicies, type Sleep } from '../../shared/retry';

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

/**
 * Sends the transaction, again after a backoff while it is cancelled by conflicts only
 * (`retryPolicies.transactionConflict`).
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
  sleep?: Sleep,
): Promise<void> {
  await retryCall(retryPolicies.transactionConflict, () => client.send(new TransactWriteCommand(input)), {
    retryable: isConflict,
    sleep,
  });
}
