/**
 * `npm run bench:deletion`: PERFORMANCE P7, account deletion at scale. Erases accounts of two
 * sizes on the local emulators with the workflow the CDK app synthesizes (the integration
 * test's harness, test/support/local-api.ts, handlers in this process so their SDK calls can be
 * counted) and prints, per size, the time from `DELETE /v1/me` to SUCCEEDED, the BatchWriteItem
 * and DeleteObjects calls per 1,000, and the purge invocations; then the ratio of the large
 * size's time per 1,000 items to the small one's, both measured in the same run (≈ 1 means the
 * work grows linearly). Why: P7 asks for linear work, and absolute times on a laptop mean little.
 * A report, not a test: exit 1 only when it could not measure (an execution did not succeed,
 * anything of the user's was left, an emulator process survived the stop).
 *
 * Environment: BENCH_DELETION_SIZES (default "2000,10000": items and objects per account, small
 * then large), BENCH_LOG_LEVEL (the handlers' Powertools log level, default SILENT). Seeding
 * (s3rver is slow: ~20 s for 10,000 PUTs) is timed apart, not part of the measure. See docs/bench.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralPorts, startEmulators, type LocalEmulators } from '../local/emulators';
import type { HistoryEvent } from '../local/stepfunctions/execution-history';
import { resolveMiddyForCommonJs } from './middy-commonjs';

const log = (message: string) => process.stderr.write(`${message}\n`);
/** Set on SIGINT/SIGTERM: the run then fails on the stopped emulators, which is not worth reporting. */
let interrupted = false;

interface SizeResult {
  size: number;
  seedMs: number;
  deleteMs: number;
  batchWrites: number;
  deleteObjects: number;
  listObjects: number;
  purgeItemsRuns: number;
  purgeObjectsRuns: number;
  /** Time spent in each purge state, summed over its runs (from the execution history). */
  purgeItemsMs: number;
  purgeObjectsMs: number;
}

/** Milliseconds between each Entered and the next Exited of the state, summed. */
function timeIn(events: readonly HistoryEvent[], state: string): number {
  let total = 0;
  let enteredAt: number | undefined;
  const named = (event: HistoryEvent, key: string) => (event[key] as { name?: string } | undefined)?.name === state;
  for (const event of events) {
    if (event.type.endsWith('StateEntered') && named(event, 'stateEnteredEventDetails'))
      enteredAt = event.timestamp.getTime();
    if (event.type.endsWith('StateExited') && named(event, 'stateExitedEventDetails') && enteredAt !== undefined) {
      total += event.timestamp.getTime() - enteredAt;
      enteredAt = undefined;
    }
  }
  return total;
}

function sizesFromEnv(): [number, number] {
  const raw = process.env.BENCH_DELETION_SIZES ?? '2000,10000';
  const sizes = raw.split(',').map(Number);
  if (sizes.length !== 2 || !sizes.every((n) => Number.isInteger(n) && n >= 1000) || sizes[0] >= sizes[1]) {
    throw new Error(`BENCH_DELETION_SIZES must be two increasing integers ≥ 1000, got '${raw}'`);
  }
  return [sizes[0], sizes[1]];
}

function isAlive(pid: number): boolean {
  try {
    return process.kill(-pid, 0);
  } catch {
    return false;
  }
}

/** Stops the emulators and fails if any process group survived (the DynamoDB Local JVM would). */
async function stopEmulators(emulators: LocalEmulators, dataDir: string): Promise<void> {
  await emulators.stop();
  await rm(dataDir, { recursive: true, force: true });
  const survivors = Object.entries(emulators.pids).filter(([, pid]) => isAlive(pid));
  if (survivors.length > 0)
    throw new Error(
      `emulator processes survived the stop: ${survivors.map(([name, pid]) => `${name} (pgid ${pid})`).join(', ')}`,
    );
}

async function main(): Promise<void> {
  const sizes = sizesFromEnv();
  if (Number(process.versions.node.split('.')[0]) < 22)
    log(`WARNING: Node ${process.version}; aws-local-stepfunctions needs 22 (use \`npm run bench:deletion\`).`);
  const dataDir = await mkdtemp(join(tmpdir(), 'pictor-bench-deletion-'));
  let emulators: LocalEmulators;
  try {
    emulators = await startEmulators({ ports: await ephemeralPorts(), dataDir, persist: false });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    log(`${signal}: stopping the emulators…`);
    void stopEmulators(emulators, dataDir).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    // The handlers' SDK clients read their endpoints when their modules load: environment first.
    // The steps' logs would bury the report (set BENCH_LOG_LEVEL=INFO to see them).
    Object.assign(process.env, emulators.env, { POWERTOOLS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'SILENT' });
    const run = await harness();
    const results: SizeResult[] = [];
    try {
      // Not reported: the first erasure also loads every step's modules (a cold start each).
      await eraseOne(run, 100);
      for (const size of sizes) results.push(await eraseOne(run, size));
    } finally {
      await run.api.close();
    }
    report(results);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await stopEmulators(emulators, dataDir);
  }
}

async function harness() {
  resolveMiddyForCommonJs();
  const { startTestApi } = await import('../test/support/local-api');
  const { countCommands } = await import('../test/support/command-counts');
  const { seedBulkAccount } = await import('../test/support/bulk-account');
  const { objectsUnder } = await import('../test/support/generation-flow');
  const { documentClient } = await import('../lambdas/adapters/dynamodb/client');
  const { imagesBucket } = await import('../lambdas/adapters/s3/images-bucket');
  const { objectKeys } = await import('../lambdas/domain/storage/object-keys');
  const keys = await import('../lambdas/adapters/dynamodb/keys');
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const api = await startTestApi();
  /** What is left of the user: objects under their prefixes, and items in their partition besides the tombstone. */
  const leftOf = async (sub: string) => {
    const objects = (await Promise.all(objectKeys.userPrefixes(sub).map(objectsUnder))).flat().length;
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME!,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.profile(sub).pk },
      }),
    );
    return { objects, items: Items.filter((item) => item.sk !== 'PROFILE').length };
  };
  return { api, countCommands, seedBulkAccount, documentClient, s3: imagesBucket(), leftOf };
}

async function eraseOne(run: Awaited<ReturnType<typeof harness>>, size: number): Promise<SizeResult> {
  const { api } = run;
  const { accessToken: token, sub } = await api.signInUser(`bench-${randomUUID()}@example.com`);
  const profile = await api.request('GET', '/v1/me', { token });
  if (profile.status !== 200) throw new Error(`GET /v1/me answered ${profile.status}: ${profile.text}`);
  log(`size ${size}: seeding ${size} items and ${size} objects…`);
  let started = performance.now();
  await run.seedBulkAccount(sub, { items: size, objects: size });
  const seedMs = performance.now() - started;

  const dynamo = run.countCommands(run.documentClient);
  const s3 = run.countCommands(run.s3);
  log(`size ${size}: deleting…`);
  started = performance.now();
  try {
    const accepted = await api.request('DELETE', '/v1/me', { token });
    if (accepted.status !== 202) throw new Error(`DELETE /v1/me answered ${accepted.status}: ${accepted.text}`);
    const execution = await api.stepFunctions.waitForExecution(`delete-${sub}`);
    if (execution.status !== 'SUCCEEDED') throw new Error(`the deletion of ${size} ended ${execution.status}`);
  } finally {
    dynamo.stop();
    s3.stop();
  }
  const deleteMs = performance.now() - started;
  const left = await run.leftOf(sub);
  if (left.objects > 0 || left.items > 0)
    throw new Error(`erasure incomplete at size ${size}: ${left.objects} objects and ${left.items} items left`);
  const states = api.stepFunctions.statesRun(`delete-${sub}`);
  const history = api.stepFunctions.history(`delete-${sub}`);
  return {
    size,
    seedMs,
    deleteMs,
    batchWrites: dynamo.count('BatchWriteItemCommand'),
    deleteObjects: s3.count('DeleteObjectsCommand'),
    listObjects: s3.count('ListObjectsV2Command'),
    purgeItemsRuns: states.filter((state) => state === 'PurgeItems').length,
    purgeObjectsRuns: states.filter((state) => state === 'PurgeObjects').length,
    purgeItemsMs: timeIn(history, 'PurgeItems'),
    purgeObjectsMs: timeIn(history, 'PurgeObjects'),
  };
}

function report(results: SizeResult[]): void {
  const perThousand = (n: number, size: number) => ((n * 1000) / size).toFixed(1);
  console.log('# Pictor bench: P7 account deletion at scale (local emulators)\n');
  console.log(
    `node ${process.version}; N items in the user's partition (plus the starter-grant ledger entry) and N objects; ` +
      `time from DELETE /v1/me to SUCCEEDED.\n`,
  );
  console.log(
    '| N | deletion ms | ms per 1,000 items | BatchWriteItem | per 1,000 items | DeleteObjects | per 1,000 objects | ' +
      'ListObjectsV2 | PurgeItems / PurgeObjects runs |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.size} | ${r.deleteMs.toFixed(0)} | ${perThousand(r.deleteMs, r.size)} | ${r.batchWrites} | ` +
        `${perThousand(r.batchWrites, r.size)} | ${r.deleteObjects} | ${perThousand(r.deleteObjects, r.size)} | ` +
        `${r.listObjects} | ${r.purgeItemsRuns} / ${r.purgeObjectsRuns} |`,
    );
  }
  const [small, large] = results;
  const ratio = large.deleteMs / large.size / (small.deleteMs / small.size);
  console.log(`\nTime per 1,000 items, N=${large.size} over N=${small.size}: ${ratio.toFixed(2)}× (1.00 = linear).`);
  console.log(
    `Expected: BatchWriteItem = ⌈(N + 1) / 25⌉ + 2 (the two retained-record puts) = ` +
      `${results.map((r) => Math.ceil((r.size + 1) / 25) + 2).join(' and ')}; DeleteObjects = ⌈N / 1,000⌉ = ` +
      `${results.map((r) => Math.ceil(r.size / 1000)).join(' and ')}.`,
  );
  for (const r of results) {
    console.log(
      `N=${r.size}: in PurgeItems ${r.purgeItemsMs} ms, in PurgeObjects ${r.purgeObjectsMs} ms; seeding ` +
        `${(r.seedMs / 1000).toFixed(1)} s (not measured).`,
    );
  }
}

main().catch((error: Error) => {
  if (interrupted) return;
  log(`bench:deletion could not measure: ${error.message}`);
  process.exitCode = 1;
});
