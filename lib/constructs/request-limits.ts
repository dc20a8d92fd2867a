/**
 * What a route's limit class needs in AWS (docs/abuse.md): its budgets in ROUTE_LIMITS, the right
 * to raise its counters and nothing more, the IP hash key where the class counts per source IP,
 * and API Gateway's route throttle. The counter grant is UpdateItem on `LIMIT#…` partitions only
 * (dynamodb:LeadingKeys), so a read-only route gains no other write.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ClassLimits, LimitClass } from '../../lambdas/domain/limits/limit-classes';
import { envNames } from '../../lambdas/shared/config';
import { routeKeyOf, routeLimitEntry } from '../routes/route-limits';
import type { RouteDefinition } from '../routes';
import type { PictorFunction } from './pictor-function';

export interface RequestLimitResources {
  readonly table: ITable;
  readonly limits: Readonly<Record<LimitClass, ClassLimits>>;
  /** Grants the user-id hash key (the `hashUserIds` capability), which also keys the IP hash. */
  readonly grantHashKey: (fn: PictorFunction) => void;
}

/** Partitions the limiter writes: `LIMIT#<class>#<scope>#<subject>` (lambdas/adapters/dynamodb/keys/limits.ts). */
export const limitCounterLeadingKeys = ['LIMIT#*'];

export function applyRequestLimits(fn: PictorFunction, route: RouteDefinition, resources: RequestLimitResources): void {
  const entry = routeLimitEntry(route, resources.limits);
  if (!entry) return;
  fn.addEnvironment(envNames.routeLimits, JSON.stringify({ [routeKeyOf(route)]: entry }));
  fn.addEnvironment(envNames.tableName, resources.table.tableName);
  if (route.table !== 'readWrite') {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [resources.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': limitCounterLeadingKeys } },
      }),
    );
  }
  if (entry.perIp && !route.uses?.includes('hashUserIds')) resources.grantHashKey(fn);
}
