/**
 * `npm run demo`: the generation flow a newcomer would try by hand, against the running local
 * stack (`npm start` in another terminal), printing each step:
 * sign in → create a conversation → post a prompt → poll until SUCCEEDED → download the PNG →
 * see the debit in the ledger → a blocked prompt costs nothing → a model failure is refunded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { localStateDir, repoRoot } from './config';
import { call, generate, runDemo, show, signInLocally, step, untilSettled } from './demo-client';

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
  const { accessToken: token } = await signInLocally(email);
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

runDemo(main);
