/**
 * `npm run demo`: the generation flow a newcomer would try by hand, against the running local
 * stack (`npm start` in another terminal), printing each step:
 * sign in → create a conversation → post a prompt → poll until SUCCEEDED → download the PNG →
 * see the debit in the ledger → a blocked prompt costs nothing → a model failure is refunded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, relative } from 'node:path';
import { localNames, localPorts, localStateDir, repoRoot } from './config';
import { signIn } from './sign-in';
import { readState } from './state';

interface Generation {
  id: string;
  status: string;
  credits: number;
  images: Array<{ id: string; url: string; width: number; height: number }>;
  error: { code: string; message: string } | null;
  timings: { queuedMs: number | null; runningMs: number | null };
}

const state = readState();
const apiUrl = state?.apiUrl ?? `http://localhost:${localPorts().api}`;
const step = (text: string) => console.log(`\n▶ ${text}`);
const show = (text: string) => console.log(`  ${text}`);

async function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
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

async function generate(token: string, conversationId: string, prompt: string) {
  return call(
    token,
    'POST',
    `/v1/conversations/${conversationId}/generations`,
    { prompt, aspectRatio: '3:2' },
    { 'idempotency-key': randomUUID() },
  );
}

/** Polls as an app would: every half second, for up to a minute. */
async function untilSettled(token: string, id: string): Promise<Generation> {
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

async function balance(token: string): Promise<number> {
  const credits = await call(token, 'GET', '/v1/credits?limit=3');
  for (const entry of credits.json.entries as Array<{ kind: string; amount: number }>)
    show(`  ledger: ${entry.kind} ${entry.amount > 0 ? '+' : ''}${entry.amount}`);
  show(`balance: ${credits.json.balance} credits`);
  return credits.json.balance as number;
}

async function main(): Promise<void> {
  const email = process.argv[2] ?? `demo-${Date.now()}@example.com`;
  step(`Sign in as ${email} (cognito-local, emailed-code flow stood in by a password)`);
  const { accessToken: token } = await signIn(
    state?.cognito ?? {
      endpoint: `http://127.0.0.1:${localPorts().cognito}`,
      userPoolId: localNames.userPoolId,
      clientId: localNames.userPoolClientId,
    },
    email,
  );
  show('got a 15-minute access token');

  step('Create a conversation');
  const conversation = await call(token, 'POST', '/v1/conversations', { title: 'Demo' });
  const conversationId = conversation.json.id as string;
  const before = await balance(token);

  step('Post a prompt (202: queued for the worker)');
  const queued = await generate(token, conversationId, 'a lighthouse on a cliff at dusk, oil painting');
  show(`generation ${queued.json.id}: ${queued.json.status}, costs ${queued.json.credits} credit(s)`);

  step('Poll until it settles');
  const done = await untilSettled(token, queued.json.id);
  const image = done.images[0];
  show(`${image.width}×${image.height}, queued ${done.timings.queuedMs} ms, ran ${done.timings.runningMs} ms`);

  step('Download the PNG through its presigned URL');
  const png = Buffer.from(await (await fetch(image.url)).arrayBuffer());
  const outDir = join(localStateDir, 'demo');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${image.id}.png`);
  writeFileSync(file, png);
  show(`${png.length} bytes → ${relative(repoRoot, file)}`);

  step('See the debit in the ledger');
  const afterDebit = await balance(token);
  show(`${before} → ${afterDebit}`);

  step('A prompt the moderator blocks costs nothing (422)');
  const blocked = await generate(token, conversationId, 'something [local:moderate] would refuse');
  show(`${blocked.json.error.code}: ${blocked.json.error.message}`);
  show(`balance still ${await balance(token)}`);

  step('A model failure is refunded');
  const failing = await generate(token, conversationId, '[local:fail] a prompt the local model is told to fail');
  const failed = await untilSettled(token, failing.json.id);
  show(`${failed.status} ${failed.error?.code}: ${failed.error?.message}`);
  show(`balance back to ${await balance(token)}`);
  console.log('\nDone.');
}

main().catch((error: Error) => {
  const refused = /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`);
  process.stderr.write(
    refused
      ? `The local stack is not running at ${apiUrl}: start it with \`npm start\`.\n`
      : `demo failed: ${error.stack}\n`,
  );
  process.exit(1);
});
