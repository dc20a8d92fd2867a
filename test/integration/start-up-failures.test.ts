/**
 * `npm start` on a machine that is not ready says what is wrong in one line and exits 1: no
 * stack trace, nothing left running.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';

const repoRoot = join(__dirname, '../..');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');

async function runStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  // Its own state folder, so a stack a developer is running keeps its state file.
  const localDir = mkdtempSync(join(tmpdir(), 'pictor-start-'));
  const child = spawn(tsx, ['local/start.ts'], {
    cwd: repoRoot,
    env: { ...env, PICTOR_LOCAL_DIR: localDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

// Each case starts `npm start` in a child (tsx compiling the local stack): seconds on a loaded
// 2-core machine, more than jest's default 5 s.
jest.setTimeout(60_000);

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0 }, resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

it('names the taken port and the variable that moves it', async () => {
  const { port, server } = await occupiedPort();
  try {
    const { code, output } = await runStart({ ...process.env, PICTOR_API_PORT: String(port) });

    expect(code).toBe(1);
    expect(output).toContain(`Port ${port}`);
    expect(output).toContain('PICTOR_API_PORT');
    expect(output).not.toMatch(/\n\s+at /);
  } finally {
    server.close();
  }
});

it('says DynamoDB Local needs Java 17+ when there is no Java', async () => {
  const ports = await Promise.all([occupiedPort(), occupiedPort(), occupiedPort(), occupiedPort()]);
  for (const { server } of ports) server.close();
  // A PATH holding only `node` (linked into an empty folder, wherever Node is installed): no java.
  const onlyNode = mkdtempSync(join(tmpdir(), 'only-node-'));
  symlinkSync(process.execPath, join(onlyNode, 'node'));
  const path = [onlyNode, join(repoRoot, 'node_modules/.bin')].join(':');
  const { code, output } = await runStart({
    ...process.env,
    PATH: path,
    JAVA_HOME: mkdtempSync(join(tmpdir(), 'no-java-')),
    PICTOR_API_PORT: String(ports[0].port),
    PICTOR_DYNAMODB_PORT: String(ports[1].port),
    PICTOR_S3_PORT: String(ports[2].port),
    PICTOR_COGNITO_PORT: String(ports[3].port),
  });

  expect(code).toBe(1);
  expect(output).toContain('DynamoDB Local needs Java 17+');
  expect(output).not.toMatch(/\n\s+at /);
});
