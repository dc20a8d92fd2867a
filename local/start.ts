/**
 * `npm start`: the whole backend on this machine, no AWS account, no internet. Starts the
 * emulators (state under .local/), runs the queues of lib/workers.ts and their workers
 * in-process, runs the account-deletion state machine from the synthesized template with its
 * steps' handlers, points the handlers at all of it through the environment, serves
 * lib/routes/ on the API port, and on Ctrl-C stops everything, the DynamoDB Local JVM included.
 */
import { performance } from 'node:perf_hooks';
import { relative, resolve } from 'node:path';
import { routes } from '../lib/routes';
import { scheduledFunctions } from '../lib/scheduled';
import { defaultAbandonAfterSeconds, defaultOutboxGraceSeconds } from '../lambdas/domain/outbox/sweep-outbox';
import { envNames } from '../lambdas/shared/config';
import { workers } from '../lib/workers';
import {
  devStageValues,
  localPorts,
  localStateDir,
  portEnvNames,
  queueTimeScale,
  queueTimeScaleEnvName,
  repoRoot,
  stepTimeScale,
  stepTimeScaleEnvName,
} from './config';
import { startEmulators, type LocalEmulators } from './emulators';
import { assertPortFree } from './emulators/process';
import { bundleWithEsbuild } from './handler-loader';
import { startLocalQueues, type LocalQueues } from './queues';
import { visibilityTimeoutFactor } from './queues/queue-types';
import { startLocalApi, type LocalApi } from './router';
import { startLocalScheduled, type LocalScheduled } from './scheduled';
import { startFakeRevenueCat, type FakeRevenueCat } from './revenuecat/server';
import { fakeRevenueCatApiKey, fakeRevenueCatPort } from './revenuecat/port';
import { webhookSender } from './revenuecat/webhook-sender';
import { localWebhookAuthorization, startLocalSecrets, type LocalSecrets } from './secrets';
import { startLocalSns, type LocalSns } from './sns';
import { removeState, writeState } from './state';
import { startLocalStepFunctions, type LocalStepFunctions } from './stepfunctions';
import { pictorDeletionWorkflow, scaledWaitExample } from './stepfunctions/deletion-workflow';
import { removeStepFunctionsState, writeStepFunctionsState } from './stepfunctions/local-state-file';
import { cachedTemplatesInWorker } from './template-cache';

let emulatorsStarting: Promise<LocalEmulators> | undefined;
let api: LocalApi | undefined;
let queues: LocalQueues | undefined;
let secrets: LocalSecrets | undefined;
let revenueCat: FakeRevenueCat | undefined;
let sns: LocalSns | undefined;
let steps: LocalStepFunctions | undefined;
let scheduled: LocalScheduled | undefined;
let shuttingDown = false;

/**
 * Stops the API, then the state machine and the queues, then every emulator (waiting for each
 * process group to be gone).
 */
async function shutdown(exitCode: number): Promise<never> {
  shuttingDown = true;
  await scheduled?.close();
  await api?.close();
  await steps?.close();
  await queues?.close();
  await secrets?.close();
  await revenueCat?.close();
  await sns?.close();
  const emulators = await emulatorsStarting?.catch(() => undefined);
  await emulators?.stop();
  removeState();
  removeStepFunctionsState();
  process.exit(exitCode);
}

/** What the time scale means, on the first worker: "GenerationWorker retries after 7.2s, not 720s". */
function queueRetryExample(timeScale: number): string {
  const [worker] = workers;
  const seconds = worker.timeoutSeconds * visibilityTimeoutFactor;
  return `${worker.id} retries after ${Number((seconds * timeScale).toFixed(3))}s, not ${seconds}s`;
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  process.stderr.write(`\n${signal}: stopping the local stack…\n`);
  void shutdown(0);
}

async function main(): Promise<void> {
  // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a
  // second signal without a handler would kill us before the JVM is stopped.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const ports = localPorts();
  // Read before anything starts, so a bad value fails in one line with nothing to stop.
  const timeScale = queueTimeScale();
  const stepScale = stepTimeScale();
  // Checked first so a busy API port fails before three emulators start.
  await assertPortFree(ports.api, 'local API', portEnvNames.api);
  // The state machine comes from the synthesized template: synthesized on a worker thread while
  // the emulators boot (or taken from the cache when lib/ and lambdas/ are unchanged).
  const templatesReady = cachedTemplatesInWorker('dev');
  // Awaited below; until then a failure must not count as unhandled.
  templatesReady.catch(() => undefined);
  emulatorsStarting = startEmulators({ ports, dataDir: localStateDir });
  const emulators = await emulatorsStarting;
  if (shuttingDown) return;
  Object.assign(process.env, emulators.env);
  // The deletion steps read their user-id hash key (and RevenueCat's, when set) from Secrets Manager.
  // The fake RevenueCat (local/revenuecat): sync and the reconciliation read it, its sender posts
  // to the local webhook, `npm run local:revenuecat` drives it.
  const billing = devStageValues().billing;
  const apiUrlForWebhook = `http://127.0.0.1:${ports.api}/webhooks/revenuecat`;
  revenueCat = await startFakeRevenueCat({
    apiKey: fakeRevenueCatApiKey,
    port: fakeRevenueCatPort(),
    subscriptionProducts: (billing?.products ?? []).filter((p) => p.kind === 'subscription').map((p) => p.id),
    deliver: webhookSender({
      url: apiUrlForWebhook,
      authorization: localWebhookAuthorization,
      // RevenueCat's 5, 10, 20, 40, 80 minutes, on the queues' clock.
      retryDelaysMs: [5, 10, 20, 40, 80].map((minutes) => minutes * 60_000 * timeScale),
    }),
  });
  secrets = await startLocalSecrets({ revenueCat: { baseUrl: revenueCat.url, apiKey: fakeRevenueCatApiKey } });
  if (shuttingDown) return;
  Object.assign(process.env, secrets.env);
  // The alarm topic: safety alerts (minor_safety, underage_user reports) are printed here.
  sns = await startLocalSns({ log: (line) => console.log(line) });
  if (shuttingDown) return;
  Object.assign(process.env, sns.env);
  // Handlers and workers run as the ESM bundles NodejsFunction would deploy, built on first use.
  const loadHandler = bundleWithEsbuild(resolve(localStateDir, 'build'));
  queues = await startLocalQueues({ workers, loadHandler, timeScale });
  if (shuttingDown) return;
  // Senders (route handlers, and workers sending on) find the queues here, as in AWS.
  Object.assign(process.env, queues.env);
  const workflow = pictorDeletionWorkflow(await templatesReady);
  steps = await startLocalStepFunctions({ definition: workflow, loadHandler, timeScale: stepScale });
  if (shuttingDown) return;
  // DELETE /v1/me finds the state machine here, as in AWS.
  Object.assign(process.env, steps.env);
  writeStepFunctionsState({ endpoint: steps.endpoint, stateMachineArn: steps.stateMachineArn });
  api = await startLocalApi({
    routes,
    port: ports.api,
    auth: { userPoolId: emulators.userPoolId, clientId: emulators.userPoolClientId, jwks: emulators.jwks },
    loadHandler,
  });
  // The outbox sweeper and any other scheduled function, on the queues' clock: a 1-minute schedule
  // runs every 0.6 s at the default scale, with its waits scaled the same way.
  process.env[envNames.outboxGraceSeconds] = String(Math.max(1, Math.ceil(defaultOutboxGraceSeconds * timeScale)));
  process.env[envNames.outboxAbandonAfterSeconds] = String(
    Math.max(1, Math.ceil(defaultAbandonAfterSeconds * timeScale)),
  );
  scheduled = startLocalScheduled({
    definitions: scheduledFunctions,
    loadHandler,
    periodMs: (definition) => definition.everyMinutes * 60_000 * timeScale,
  });
  const apiUrl = `http://localhost:${api.port}`;
  writeState({
    pid: process.pid,
    apiUrl,
    cognito: {
      endpoint: emulators.endpoints.cognito,
      userPoolId: emulators.userPoolId,
      clientId: emulators.userPoolClientId,
      region: emulators.region,
    },
    emulatorPids: emulators.pids,
    startedAt: new Date().toISOString(),
  });
  const seconds = (performance.now() / 1000).toFixed(1);
  const waitExample = scaledWaitExample(workflow, steps.timeScale);
  const logs = relative(repoRoot, `${emulators.dataDir}/logs`);
  const queueNames = Object.values(queues.queueUrls)
    .map((url) => url.split('/').pop())
    .join(', ');
  const stepWaits = waitExample ? ` (${waitExample})` : '';
  const localSchedule = scheduledFunctions
    .map((f) => `${f.id} every ${Number((f.everyMinutes * 60 * timeScale).toFixed(3))}s`)
    .join(', ');
  const awsSchedule = scheduledFunctions.map((f) => `${f.everyMinutes} min`).join(', ');
  console.log(
    [
      `Pictor local stack ready in ${seconds}s: ${apiUrl} (${routes.length} routes)`,
      `  DynamoDB ${emulators.endpoints.dynamodb} table ${emulators.tableName} | ` +
        `S3 ${emulators.endpoints.s3} bucket ${emulators.imagesBucket}`,
      `  Cognito  ${emulators.endpoints.cognito} pool ${emulators.userPoolId} client ${emulators.userPoolClientId}`,
      `  SQS      ${queues.endpoint} queues ${queueNames}`,
      `           queue waits run at ${queues.timeScale}x AWS time (${queueRetryExample(queues.timeScale)}); ` +
        `${queueTimeScaleEnvName} changes it`,
      `  Steps    ${steps.endpoint} state machine ${steps.stateMachineName}`,
      `           waits and retry pauses run at ${steps.timeScale}x AWS time${stepWaits}; ` +
        `${stepTimeScaleEnvName} changes it`,
      ...steps.warnings.map((warning) => `           ${warning}`),
      `  RevenueCat ${revenueCat?.url} (fake): npm run local:revenuecat -- buy ann@example.com pro_monthly`,
      `  Alarms   ${sns.url}: safety alerts are printed here (docs/runbooks/moderation.md)`,
      `  Schedule ${localSchedule} (AWS: every ${awsSchedule})`,
      `  Token:   TOKEN=$(npm run -s local:token -- ann@example.com)   (add --moderator for the moderators group)`,
      `  Try:     curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/v1/me`,
      `  Emulator logs in ${logs}/. Ctrl-C stops everything.`,
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  // One clear line, no stack trace: start-up errors are about the machine, not the code.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message.split('\n')[0]}\n`);
  await shutdown(1);
});
