/**
 * Child-process plumbing shared by the emulators: start-up checks (Java, free ports), spawning
 * each emulator in its own process group with its output in a log file, polling until it
 * really answers, and stopping the whole group. Own process groups matter: the DynamoDB Local
 * JVM survives a plain kill of its parent, and a terminal's Ctrl-C must not reach the children
 * before we stop them in order.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { LocalStackError } from '../config';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM to the whole process group, SIGKILL if it lingers; resolves once it is gone. */
  stop(): Promise<void>;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Last resort if the parent exits without stopping us (uncaught error, process.exit). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const managed of live) killGroup(managed.pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Wraps a child spawned with `detached: true` (so its pid is its process-group id). */
export function manageProcess(name: string, child: ChildProcess, logFile: string): ManagedProcess {
  if (child.pid === undefined) throw new LocalStackError(`${name} did not start (no pid).`);
  const pid = child.pid;
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolveExit({ code, signal });
    });
  });
  const managed: ManagedProcess = {
    name,
    pid,
    logFile,
    exited,
    hasExited: () => done,
    async stop() {
      if (!done) {
        killGroup(pid, 'SIGTERM');
        if (!(await settlesWithin(exited, 5_000))) {
          killGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      // The group leader is gone; sweep any straggler left in its group.
      killGroup(pid, 'SIGKILL');
      live.delete(managed);
    },
  };
  live.add(managed);
  installExitHook();
  return managed;
}

/** Spawns `command` detached (own process group), stdout and stderr appended to `logFile`. */
export function spawnLogged(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): ManagedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // The child has its own copy of the descriptor; ours is no longer needed.
    return manageProcess(name, child, options.logFile);
  } finally {
    closeSync(fd);
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

/** The last few lines of an emulator's log, for error messages. */
export function logTail(logFile: string, lines = 3): string {
  if (!existsSync(logFile)) return '';
  const text = readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean);
  return text.slice(-lines).join(' | ');
}

export interface WaitOptions {
  /** Bounded: start-up fails after this many failed probes. @default 300 */
  attempts?: number;
  /** Pause between probes. @default 50 */
  intervalMs?: number;
}

/**
 * Polls `probe` (a real request to the emulator) until it resolves, failing fast if the
 * process exits first and giving up after a bounded number of attempts. An emulator that never
 * becomes ready is stopped before the error is thrown, so a failed start leaves nothing running.
 */
export async function waitUntilReady<T>(
  managed: ManagedProcess,
  probe: () => Promise<T>,
  options: WaitOptions = {},
): Promise<T> {
  try {
    return await pollUntilReady(managed, probe, options);
  } catch (error) {
    await managed.stop();
    throw error;
  }
}

async function pollUntilReady<T>(
  managed: ManagedProcess,
  probe: () => Promise<T>,
  { attempts = 300, intervalMs = 50 }: WaitOptions,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (managed.hasExited()) break;
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    await settlesWithin(managed.exited, intervalMs);
  }
  if (managed.hasExited()) {
    const { code, signal } = await managed.exited;
    const tail = logTail(managed.logFile);
    throw new LocalStackError(
      `${managed.name} exited during start-up (${signal ?? `code ${code}`})` +
        `${tail ? `: ${tail}` : ''} [log: ${managed.logFile}]`,
    );
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new LocalStackError(
    `${managed.name} did not answer after ${attempts} attempts (${reason}) [log: ${managed.logFile}]`,
  );
}

/** DynamoDB Local is a Java program; say so plainly instead of failing on a spawn error. */
export function assertJava17(): void {
  const message = 'DynamoDB Local needs Java 17+: install a JDK (apt-get install openjdk-17-jre-headless)';
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new LocalStackError(`${message}. \`java -version\` failed.`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return; // Unknown format: let DynamoDB Local itself decide.
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new LocalStackError(`${message}. Found Java ${major}.`);
}

/** Fails with a message naming the port and how to change it. */
export async function assertPortFree(port: number, what: string, envName?: string): Promise<void> {
  const free = await new Promise<boolean>((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    // No host: binds the dual-stack wildcard, which conflicts with a listener on any address.
    server.listen({ port, exclusive: true }, () => server.close(() => resolveFree(true)));
  });
  if (!free) {
    const hint = envName ? `: stop whatever holds it, or set ${envName} to another port` : '';
    throw new LocalStackError(`Port ${port} (${what}) is already in use${hint}.`);
  }
}

/** An ephemeral port that was free a moment ago (tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
