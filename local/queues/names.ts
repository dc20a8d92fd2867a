/**
 * How local queues are named and addressed: the shapes of AWS's (`https://sqs.<region>.amazonaws.com/<account>/<name>`,
 * `arn:aws:sqs:<region>:<account>:<name>`) on the local endpoint, under the all-zero account
 * id local AWS emulators conventionally use.
 */
import type { WorkerDefinition } from '../../lib/workers';
import { localRegion } from '../config';

export const localQueueAccountId = '000000000000';

/** `GenerationWorker` → `pictor-generation-worker-local`. */
export function localQueueName(worker: Pick<WorkerDefinition, 'id'>): string {
  const kebab = worker.id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `pictor-${kebab}-local`;
}

export const localQueueArn = (queueName: string, region = localRegion) =>
  `arn:aws:sqs:${region}:${localQueueAccountId}:${queueName}`;

export const localQueueUrl = (endpoint: string, queueName: string) => `${endpoint}/${localQueueAccountId}/${queueName}`;

/** The account and queue name a queue URL points at, or undefined when its path is not `/<account>/<name>`. */
export function parseQueueUrl(queueUrl: string): { accountId: string; queueName: string } | undefined {
  let path: string;
  try {
    path = new URL(queueUrl).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/.exec(path);
  return match ? { accountId: match[1], queueName: match[2] } : undefined;
}
