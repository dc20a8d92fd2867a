/**
 * Runs the CDK CLI from node_modules to synthesize the app, bundling on, into a scratch cloud
 * assembly: the bench measures the bundles the deploy would ship, not copies built its way.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

export class SynthUnavailable extends Error {}

/** The files the CDK app needs before a synth can mean anything. */
const APP_FILES = ['bin/app.ts', 'lib/api-stack.ts'];

/**
 * `npx cdk synth -c stage=dev --quiet -o <outDir>`, with the Node running the bench first on
 * PATH (cdk.json's `npx tsx bin/app.ts` then runs on Node 22 too). Throws SynthUnavailable when
 * the stacks do not exist yet, Error when the synth itself fails.
 */
export async function synthesize(outDir: string, stage: string): Promise<void> {
  const missing = APP_FILES.filter((f) => !existsSync(path.join(repoRoot, f)));
  if (missing.length > 0) {
    throw new SynthUnavailable(`the CDK app is not there yet (${missing.join(', ')} missing)`);
  }
  const cdkBin = require.resolve('aws-cdk/bin/cdk', { paths: [repoRoot] });
  const args = [cdkBin, 'synth', '-c', `stage=${stage}`, '--quiet', '-o', outDir];
  const env = {
    ...process.env,
    PATH: [path.join(repoRoot, 'node_modules', '.bin'), path.dirname(process.execPath), process.env.PATH].join(
      path.delimiter,
    ),
    CDK_DISABLE_VERSION_CHECK: '1',
  };
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => output.push(b));
    child.stderr.on('data', (b: Buffer) => output.push(b));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    const text = Buffer.concat(output).toString('utf8').trim().split('\n').slice(-40).join('\n');
    throw new Error(`cdk synth exited with ${code}:\n${text}`);
  }
}
