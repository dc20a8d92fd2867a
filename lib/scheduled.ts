/**
 * Functions run on a schedule, declared once like the routes and workers: the CDK app builds each
 * with its EventBridge rule and error alarm (lib/constructs/scheduled-function.ts); the local
 * stack runs the same handlers on a timer.
 */
import type { Capability, TableAccess } from './routes';

export interface ScheduledDefinition {
  /** PascalCase id, used for construct ids and function names. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly table: TableAccess;
  readonly uses: readonly Capability[];
  readonly everyMinutes: number;
  readonly timeoutSeconds: number;
  /** Consecutive 5-minute periods with errors before the alarm fires: one failed run is not news. */
  readonly alarmAfterPeriods: number;
}

export const scheduledFunctions: readonly ScheduledDefinition[] = [
  {
    id: 'OutboxSweeper',
    entry: 'lambdas/scheduled/outbox-sweeper.ts',
    description:
      'Carries through committed work its request could not: generation jobs, account and conversation deletions',
    table: 'readWrite',
    uses: ['readOutbox', 'enqueueGeneration', 'enqueueCleanup', 'enqueueExport', 'startAccountDeletion'],
    everyMinutes: 1,
    timeoutSeconds: 60,
    alarmAfterPeriods: 3,
  },
  {
    id: 'ReconcileSubscriptions',
    entry: 'lambdas/scheduled/reconcile-subscriptions.ts',
    description: 'Applies what RevenueCat shows and a webhook never delivered, for people with a recent entitlement',
    table: 'readWrite',
    uses: ['readStoreCustomers'],
    // Daily (issue 12): RevenueCat retries a webhook for ~2.5 h; a day later the REST API is the only source.
    everyMinutes: 1440,
    timeoutSeconds: 900,
    // One failed daily run is news: its RevenueCat outage or bug holds back grants.
    alarmAfterPeriods: 1,
  },
];
