/**
 * For integration test files: the local API Gateway and the local queues with their workers,
 * running in the test worker itself (so handlers and workers run in-process where tests can
 * observe them), against the emulators the global setup started, plus sign-in and a small
 * fetch wrapper.
 *
 *   let api: TestApi;
 *   beforeAll(async () => { api = await startTestApi(); });
 *   afterAll(() => api.close());
 *   // after a request that enqueues work:
 *   await api.queues.drained();
 */
import type { RouteDefinition } from '../../lib/routes';
import { routes as appRoutes } from '../../lib/routes';
import type { WorkerDefinition } from '../../lib/workers';
import { workers as appWorkers } from '../../lib/workers';
import { startLocalQueues, type LocalQueues } from '../../local/queues';
import { startLocalApi } from '../../local/router';
import { cognitoConnectionFromEnv, signIn, type SignInResult } from '../../local/sign-in';

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
export type TestQueues = Pick<LocalQueues, 'endpoint' | 'queueUrls' | 'drained' | 'deadLetters' | 'stats'>;

export interface TestApi {
  readonly url: string;
  /** Access-log lines and handler errors the router wrote, and the queues' invocation lines (kept out of the test output). */
  readonly logs: string[];
  /** The workers' queues: wait for `drained()` after a request that enqueues work. */
  readonly queues: TestQueues;
  /** An access token for that email (the user is created on first use). */
  signIn(email: string): Promise<string>;
  /** The whole sign-in result: access and ID tokens, and the user's sub. */
  signInUser(email: string): Promise<SignInResult>;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface StartTestApiOptions {
  /** @default the app's route table (lib/routes.ts) */
  routes?: readonly RouteDefinition[];
  /** @default the app's worker table (lib/workers.ts) */
  workers?: readonly WorkerDefinition[];
  /** Local duration of one AWS second on the queues' clock. @default 0.001 (a 720 s visibility timeout lasts 0.72 s) */
  queueTimeScale?: number;
}

export async function startTestApi({ routes = appRoutes, workers = appWorkers, queueTimeScale = 0.001 }: StartTestApiOptions = {}): Promise<TestApi> {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  // Port 0 (the default) for both: every test file gets its own free ports.
  const queues = await startLocalQueues({ workers, timeScale: queueTimeScale, log });
  // The queue URLs join the environment before any handler loads, as the CDK stack sets them.
  const api = await startLocalApi({ routes, port: 0, env: queues.env, log }).catch(async (error: unknown) => {
    await queues.close();
    throw error;
  });
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
    },
    signIn: async (email) => (await signIn(connection, email)).accessToken,
    signInUser: (email) => signIn(connection, email),
    request,
    close: async () => {
      await api.close();
      await queues.close();
    },
  };
}
