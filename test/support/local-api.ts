/**
 * For integration test files: the local API Gateway running in the test worker itself (so the
 * handlers run in-process where tests can observe them), against the emulators the global
 * setup started, plus sign-in and a small fetch wrapper.
 *
 *   let api: TestApi;
 *   beforeAll(async () => { api = await startTestApi(); });
 *   afterAll(() => api.close());
 */
import type { RouteDefinition } from '../../lib/routes';
import { routes as appRoutes } from '../../lib/routes';
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

export interface TestApi {
  readonly url: string;
  /** Access-log lines and handler errors the router wrote (kept out of the test output). */
  readonly logs: string[];
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
}

export async function startTestApi({ routes = appRoutes }: StartTestApiOptions = {}): Promise<TestApi> {
  const logs: string[] = [];
  // Port 0: every test file gets its own free port.
  const api = await startLocalApi({ routes, port: 0, log: (line) => logs.push(line) });
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
    signIn: async (email) => (await signIn(connection, email)).accessToken,
    signInUser: (email) => signIn(connection, email),
    request,
    close: () => api.close(),
  };
}
