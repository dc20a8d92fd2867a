/**
 * For integration test files: the local API Gateway, the local queues with their workers and the
 * local Step Functions with the account-deletion workflow (synthesized from the CDK app, cached
 * across test files while the sources are unchanged), the scheduled functions (run on demand),
 * all running in the test worker itself (so
 * handlers, workers and steps run in-process where tests can observe them), against the
 * emulators the global setup started, plus sign-in and a small fetch wrapper.
 *
 *   let api: TestApi;
 *   beforeAll(async () => { api = await startTestApi(); });
 *   afterAll(() => api.close());
 *   // after a request that enqueues work:
 *   await api.queues.drained();
 *   // after a request that starts an execution:
 *   const execution = await api.stepFunctions.waitForExecution(name);
 *   // a sweep of the outbox (on a table of the file's own: startTestApi({ ownTable: true })):
 *   await api.scheduled.run('OutboxSweeper');
 */
import { randomUUID } from 'node:crypto';
import { type ClassLimits, type LimitClass, resolvedLimits } from '../../lambdas/domain/limits/limit-classes';
import type { Budget } from '../../lambdas/domain/limits/limits';
import { envNames } from '../../lambdas/shared/config';
import type { RouteDefinition } from '../../lib/routes';
import { routes as appRoutes } from '../../lib/routes';
import { scheduledFunctions } from '../../lib/scheduled';
import type { WorkerDefinition } from '../../lib/workers';
import { workers as appWorkers } from '../../lib/workers';
import { routeLimitsOf } from '../../lib/routes/route-limits';
import { devStageValues, localEnvNames } from '../../local/config';
import { ensureTable } from '../../local/emulators/dynamodb';
import { startLocalQueues, type LocalQueues } from '../../local/queues';
import { startLocalScheduled, type LocalScheduled } from '../../local/scheduled';
import { startLocalApi } from '../../local/router';
import { startLocalSecrets } from '../../local/secrets';
import { startLocalSns, type PublishedMessage } from '../../local/sns';
import { moderatorGroup } from '../../lambdas/domain/moderation/moderator';
import { cognitoConnectionFromEnv, signIn, type SignInResult } from '../../local/sign-in';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../local/stepfunctions';
import { pictorDeletionWorkflow } from '../../local/stepfunctions/deletion-workflow';
import { cachedTemplates } from '../../local/template-cache';

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** JSON-encoded, with content-type application/json. */
  body?: unknown;
  /** Sent as is (set a content-type in headers if it matters). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  /** Lowercase names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
}

/** The local queues as tests observe them. */
export type TestQueues = Pick<LocalQueues, 'endpoint' | 'queueUrls' | 'drained' | 'deadLetters' | 'stats' | 'faults'>;

/** The local Step Functions as tests observe and steer it. */
export type TestStepFunctions = Pick<
  LocalStepFunctions,
  'endpoint' | 'stateMachineArn' | 'faults' | 'waitForExecution' | 'executions' | 'history' | 'statesRun' | 'retries'
>;

export interface TestApi {
  readonly url: string;
  /**
   * Access-log lines and handler errors the router wrote, and the queues' invocation lines (kept
   * out of the test output).
   */
  readonly logs: string[];
  /** The workers' queues: wait for `drained()` after a request that enqueues work. */
  readonly queues: TestQueues;
  /** The account-deletion workflow: `waitForExecution(name)`, `statesRun(name)`, `faults.failNext(step)`, ... */
  readonly stepFunctions: TestStepFunctions;
  /**
   * The scheduled functions (lib/scheduled.ts), run only when a test calls `run(id)`; the outbox
   * sweeper's grace period is 0 here.
   */
  readonly scheduled: Pick<LocalScheduled, 'run'>;
  /** The stage's alarm topic: every message published to it (safety alerts). */
  readonly alarms: { published(): PublishedMessage[] };
  /** An access token for that email (the user is created on first use). */
  signIn(email: string): Promise<string>;
  /** The whole sign-in result: access and ID tokens, and the user's sub. */
  signInUser(email: string): Promise<SignInResult>;
  /** A signed-in member of the Cognito `moderators` group (created and added on first use). */
  signInModerator(email: string): Promise<SignInResult>;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface StartTestApiOptions {
  /** @default the app's route table (lib/routes/) */
  routes?: readonly RouteDefinition[];
  /** @default the app's worker table (lib/workers.ts) */
  workers?: readonly WorkerDefinition[];
  /** Local duration of one AWS second on the queues' clock. @default 0.001 (a 720 s visibility timeout lasts 0.72 s) */
  queueTimeScale?: number;
  /**
   * Local duration of one AWS second for the state machine's Wait states and Retry pauses.
   * @default 0.001 (a 900 s Wait lasts 0.9 s)
   */
  stepTimeScale?: number;
  /**
   * A fake RevenueCat for the subscriber-removal step.
   * @default none (the step is a no-op, as in a stage without RevenueCat)
   */
  revenueCat?: { baseUrl: string; apiKey: string };
  /**
   * A fresh table for this file alone (jest gives each test file its own process.env). For tests
   * that run the outbox sweeper: it reads the whole table's outbox, and must not hand over work
   * that other files, running at the same time on the shared table, are still handing over.
   * @default false (the shared table of the integration run)
   */
  ownTable?: boolean;
  /**
   * Budgets of limit classes for this file's API, replacing `relaxedLimits` class by class.
   * @default relaxedLimits: the stage's budgets ×1000, so no other test meets a limit by chance
   */
  limits?: Partial<Record<LimitClass, ClassLimits>>;
}

/** The default budgets scaled up, each class keeping its shape (which budgets, which failure mode). */
export function relaxedLimits(): Record<LimitClass, ClassLimits> {
  const scaled = (budget: Budget | undefined) => budget && { ...budget, max: budget.max * 1000 };
  return Object.fromEntries(
    Object.entries(resolvedLimits(devStageValues().limits)).map(([name, limits]) => [
      name,
      { ...limits, perUser: scaled(limits.perUser), perIp: scaled(limits.perIp) },
    ]),
  ) as Record<LimitClass, ClassLimits>;
}

/**
 * The synthesized templates, read when a test file loads: a cold synth takes seconds, more than
 * a beforeAll hook is given, and loading a file has no time limit. Cached on disk, so only the
 * first file after a change to lib/ or lambdas/ pays for it.
 */
const appTemplates = cachedTemplates('dev');

/** Runs `start`, closing what already started if it fails. */
async function startAll(closers: Array<() => Promise<void>>, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}

export async function startTestApi({
  routes = appRoutes,
  workers = appWorkers,
  queueTimeScale = 0.001,
  stepTimeScale = 0.001,
  revenueCat,
  ownTable = false,
  limits = {},
}: StartTestApiOptions = {}): Promise<TestApi> {
  if (ownTable) {
    const tableName = `pictor-it-${randomUUID()}`;
    await ensureTable(process.env[localEnvNames.dynamodbEndpoint]!, tableName, 'the integration run');
    process.env[envNames.tableName] = tableName;
  }
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const closers: Array<() => Promise<void>> = [];
  const secrets = await startLocalSecrets({ revenueCat });
  closers.push(() => secrets.close());
  const sns = await startLocalSns();
  closers.push(() => sns.close());
  let queues!: LocalQueues;
  let steps!: LocalStepFunctions;
  let api!: Awaited<ReturnType<typeof startLocalApi>>;
  await startAll(closers, async () => {
    // Port 0 (the default) everywhere: every test file gets its own free ports.
    queues = await startLocalQueues({ workers, timeScale: queueTimeScale, log, env: secrets.env });
    closers.push(() => queues.close());
    steps = await startLocalStepFunctions({
      definition: pictorDeletionWorkflow(appTemplates),
      timeScale: stepTimeScale,
      log,
    });
    closers.push(() => steps.close());
    // The queue URLs, the state machine's ARN and the secrets' ids join the environment before any
    // handler loads, as the CDK stack sets them.
    // A grace period of 0: a test runs the sweeper once its own requests have answered.
    api = await startLocalApi({
      routes,
      port: 0,
      env: {
        ...queues.env,
        ...steps.env,
        ...secrets.env,
        ...sns.env,
        [envNames.outboxGraceSeconds]: '0',
        [envNames.routeLimits]: JSON.stringify(routeLimitsOf(routes, { ...relaxedLimits(), ...limits })),
      },
      log,
    });
  });
  const scheduled = startLocalScheduled({ definitions: scheduledFunctions, log });
  const connection = cognitoConnectionFromEnv();

  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${api.url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), json, text };
  };

  return {
    url: api.url,
    logs,
    queues: {
      endpoint: queues.endpoint,
      queueUrls: queues.queueUrls,
      drained: queues.drained,
      deadLetters: queues.deadLetters,
      stats: queues.stats,
      faults: queues.faults,
    },
    stepFunctions: {
      endpoint: steps.endpoint,
      stateMachineArn: steps.stateMachineArn,
      faults: steps.faults,
      waitForExecution: steps.waitForExecution,
      executions: steps.executions,
      history: steps.history,
      statesRun: steps.statesRun,
      retries: steps.retries,
    },
    scheduled: { run: scheduled.run },
    alarms: { published: sns.published },
    signIn: async (email) => (await signIn(connection, email)).accessToken,
    signInUser: (email) => signIn(connection, email),
    signInModerator: (email) => signIn(connection, email, { groups: [moderatorGroup] }),
    request,
    close: async () => {
      await scheduled.close();
      await api.close();
      await steps.close();
      await queues.close();
      await secrets.close();
      await sns.close();
    },
  };
}
