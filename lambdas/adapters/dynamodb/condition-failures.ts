/**
 * Reading the item DynamoDB returns when a condition fails (ReturnValuesOnConditionCheckFailure
 * ALL_OLD), so a use case can tell "no such item" from "item in the wrong state" without a
 * second read. The document client does not unmarshall items carried by exceptions.
 */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

type FailedCondition = { item: Record<string, unknown> | undefined };

export function failedConditionOf(error: unknown): FailedCondition | undefined {
  if (error instanceof ConditionalCheckFailedException) {
    return { item: toPlain(error.Item) };
  }
  return undefined;
}

/** For a cancelled transaction: the failed condition of action `index`, if that is why it was cancelled. */
export function failedTransactionConditionOf(error: unknown, index: number): FailedCondition | undefined {
  const reason = transactionFailures(error)?.[index];
  return reason?.failed ? { item: reason.item } : undefined;
}

/**
 * Per action of a cancelled transaction: whether its condition failed, and the item it saw. Undefined for other errors.
 */
export function transactionFailures(
  error: unknown,
): Array<{ failed: boolean; item?: Record<string, unknown> }> | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => ({
    failed: reason.Code === 'ConditionalCheckFailed',
    item: toPlain(reason.Item),
  }));
}

function toPlain(
  item: Record<string, AttributeValue> | Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (item === undefined || Object.keys(item).length === 0) return undefined;
  return unmarshall(item as Record<string, AttributeValue>);
}
