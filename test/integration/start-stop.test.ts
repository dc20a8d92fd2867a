/**
 * `npm start` comes up on free ports, serves the API, and on Ctrl-C (SIGINT) stops every
 * emulator it started — the DynamoDB Local JVM included, which a plain kill of its parent
 * would leave running.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/emulators/process';

const repoRoot = join(__dirname, '../..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('starts, answers, and leaves no emulator process behind after Ctrl-C', async () => {
  const localDir = mkdtempSync(join(tmpdir(), 'pictor-start-'));
  const [api, dynamodb, s3, cognito] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PICTOR_LOCAL_DIR: localDir,
      PICTOR_API_PORT: String(api),
      PICTOR_DYNAMODB_PORT: String(dynamodb),
      PICTOR_S3_PORT: String(s3),
      PICTOR_COGNITO_PORT: String(cognito),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  try {
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('ready in')) resolve();
      });
      child.once('exit', () => reject(new Error(`npm start exited before ready:\n${output}`)));
    });
    const { emulatorPids } = JSON.parse(readFileSync(join(localDir, 'state.json'), 'utf8')) as {
      emulatorPids: Record<string, number>;
    };
    const health = await fetch(`http://127.0.0.1:${api}/health`);

    child.kill('SIGINT');
    const [code] = (await exited) as [number | null];

    expect(health.status).toBe(200);
    expect(Object.keys(emulatorPids).sort()).toEqual(['cognito', 'dynamodb', 's3']);
    expect(code).toBe(0);
    expect(Object.values(emulatorPids).filter(isAlive)).toEqual([]);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await exited;
    }
    rmSync(localDir, { recursive: true, force: true });
  }
}, 60_000);
