/**
 * The fixed-window counters on the table: one conditional ADD per check, all checks of a request
 * in one request (a lone UpdateItem, or a transaction when a class limits both the user and the
 * IP), so a refused request consumes nothing and the limiter adds one DynamoDB request to a route.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsumeOutcome, CounterCheck, LimitCounters } from '../../domain/limits/limits';
import { failedConditionOf, transactionFailures } from './condition-failures';
import * as keys from './keys';
import { transactWrite } from './transactions';

/** Counters outlive their window by this much, so a late request never sees a recycled key. */
const ttlSlackSeconds = 60;

function counterUpdate(tableName: string, check: CounterCheck) {
  return {
    TableName: tableName,
    Key: keys.limitCounter(check.limitClass, check.subject.scope, check.subject.id, check.windowStart),
    UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':max': check.max,
      ':ttl': check.windowStart + check.windowSeconds + ttlSlackSeconds,
    },
  };
}

export function limitCounters(client: DynamoDBDocumentClient, tableName: string): LimitCounters {
  return {
    async consume(checks: readonly CounterCheck[]): Promise<ConsumeOutcome> {
      if (checks.length === 1) {
        try {
          await client.send(new UpdateCommand(counterUpdate(tableName, checks[0])));
          return { outcome: 'consumed' };
        } catch (error) {
          if (failedConditionOf(error)) return { outcome: 'exhausted', check: checks[0] };
          throw error;
        }
      }
      try {
        await transactWrite(client, {
          TransactItems: checks.map((check) => ({ Update: counterUpdate(tableName, check) })),
        });
        return { outcome: 'consumed' };
      } catch (error) {
        const failures = transactionFailures(error);
        const spent = failures?.findIndex((failure) => failure.failed) ?? -1;
        if (spent >= 0) return { outcome: 'exhausted', check: checks[spent] };
        throw error;
      }
    },
  };
}
