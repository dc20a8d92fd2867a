/**
 * What the demo scripts (`npm run demo`, `npm run demo:library`) share: the API's address from
 * the running local stack, a sign-in (optionally into Cognito groups), one call printed as it goes, a generation posted
 * and polled as an app would, and the message a newcomer sees when the stack is not running.
 */
import { randomUUID } from 'node:crypto';
import { localNames, localPorts } from './config';
import { type SignInOptions, signIn } from './sign-in';
import { readState } from './state';

export interface Generation {
  id: string;
  status: string;
  credits: number;
  images: Array<{ id: string; url: string; width: number; height: number }>;
  error: { code: string; message: string } | null;
  timings: { queuedMs: number | null; runningMs: number | null };
}

export const state = readState();
export const apiUrl = state?.apiUrl ?? `http://localhost:${localPorts().api}`;
export const step = (text: string) => console.log(`\n▶ ${text}`);
export const show = (text: string) => console.log(`  ${text}`);

export async function call(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  show(`${method} ${path} → ${response.status}`);
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

export async function generate(token: string, conversationId: string, prompt: string) {
  return call(
    token,
    'POST',
    `/v1/conversations/${conversationId}/generations`,
    { prompt, aspectRatio: '3:2' },
    { 'idempotency-key': randomUUID() },
  );
}

/** Polls as an app would: every half second, for up to a minute. */
export async function untilSettled(token: string, id: string): Promise<Generation> {
  for (let polls = 0; polls < 120; polls += 1) {
    const response = await fetch(`${apiUrl}/v1/generations/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const generation = (await response.json()) as Generation;
    if (!['QUEUED', 'RUNNING'].includes(generation.status)) {
      show(`GET /v1/generations/${id} → ${generation.status} after ${polls + 1} polls`);
      return generation;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`generation ${id} did not settle within a minute`);
}

/** Signs `email` in on the local stack's cognito-local (created if new); answers the access token. */
export async function signInLocally(email: string, options: SignInOptions = {}) {
  return signIn(
    state?.cognito ?? {
      endpoint: `http://127.0.0.1:${localPorts().cognito}`,
      userPoolId: localNames.userPoolId,
      clientId: localNames.userPoolClientId,
    },
    email,
    options,
  );
}

/** Runs a demo's steps; a stack that is not running gets one sentence saying how to start it. */
export function runDemo(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    const refused = /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`);
    process.stderr.write(
      refused
        ? `The local stack is not running at ${apiUrl}: start it with \`npm start\`.\n`
        : `demo failed: ${error.stack}\n`,
    );
    process.exit(1);
  });
}
