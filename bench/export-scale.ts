/**
 * `npm run bench:export`: issue 14's export at scale. On the local emulators, seeds one account
 * with BENCH_EXPORT_ITEMS table items (default 10,000) and BENCH_EXPORT_IMAGES images of
 * BENCH_EXPORT_IMAGE_BYTES each (default 2,000 of 1 MiB: 2 GiB), asks for its export, then in
 * fresh processes (bench/fixtures/export-probe.ts) times (1) simply streaming every one of those
 * objects from the local S3 once and (2) building the whole export as the ExportWorker does, and
 * prints the ratio of the two, measured in the same run (target ≤ 1.5×), and the export's peak RSS
 * (target ≤ 256 MB). The ZIP is then opened and its entries counted. A report, not a test: exit 1
 * only when it could not measure.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralPorts, startEmulators, type LocalEmulators } from '../local/emulators';
import { resolveMiddyForCommonJs } from './middy-commonjs';

const log = (message: string) => process.stderr.write(`${message}\n`);

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** Runs the probe in a fresh Node (the same binary and tsx), with the handlers' environment. */
function probe(args: string[]): Promise<{ ms: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'export-probe.ts'), ...args],
      {
        env: process.env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`the ${args[0]} probe exited ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const items = numberFromEnv('BENCH_EXPORT_ITEMS', 10_000);
  const images = numberFromEnv('BENCH_EXPORT_IMAGES', 2_000);
  const imageBytes = numberFromEnv('BENCH_EXPORT_IMAGE_BYTES', 1024 * 1024);
  const dataDir = await mkdtemp(join(tmpdir(), 'pictor-bench-export-'));
  let emulators: LocalEmulators | undefined;
  try {
    emulators = await startEmulators({ ports: await ephemeralPorts(), dataDir, persist: false });
    Object.assign(process.env, emulators.env, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
    resolveMiddyForCommonJs();
    const { startTestApi } = await import('../test/support/local-api');
    const { seedBulkAccount } = await import('../test/support/bulk-account');
    const { unzip } = await import('../test/support/unzip');
    const api = await startTestApi();
    try {
      const { accessToken: token, sub } = await api.signInUser(`bench-export-${Date.now()}@example.com`);
      if ((await api.request('GET', '/v1/me', { token })).status !== 200) throw new Error('GET /v1/me failed');
      log(`seeding ${items} items and ${images} images of ${imageBytes} bytes…`);
      let started = performance.now();
      await seedBulkAccount(sub, { items, objects: images, objectBytes: imageBytes });
      log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      // The job stays in the outbox: the probe builds the export itself, in a process of its own.
      api.queues.faults.refuseSends('ExportWorker');
      const requested = await api.request('POST', '/v1/me/exports', { token });
      if (requested.status !== 202) throw new Error(`POST /v1/me/exports answered ${requested.status}`);
      const { exportId } = requested.json as { exportId: string };

      log('reading every object once (the reference)…');
      const reference = await probe(['read', sub]);
      log('building the export…');
      const built = await probe(['export', sub, exportId]);
      const view = (await api.request('GET', `/v1/me/exports/${exportId}`, { token })).json as {
        status: string;
        downloadUrl: string;
        sizeBytes: number;
      };
      if (view.status !== 'ready') throw new Error(`the export is ${view.status}`);
      started = performance.now();
      const entries = await unzip(Buffer.from(await (await fetch(view.downloadUrl)).arrayBuffer()));
      if (entries.length !== images + 2) throw new Error(`the ZIP holds ${entries.length} entries, not ${images + 2}`);
      if (!entries.every((entry) => entry.crcMatches)) throw new Error('an entry of the ZIP fails its CRC');
      const ratio = built.ms / reference.ms;
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      process.stdout.write(
        [
          `export of ${items} items and ${images} images (${((images * imageBytes) / 2 ** 30).toFixed(2)} GiB), ` +
            `ZIP ${(view.sizeBytes / 2 ** 30).toFixed(2)} GiB, ${entries.length} entries, every CRC right`,
          `  reading the objects once: ${seconds(reference.ms)} s (peak RSS ${reference.peakRssMb.toFixed(0)} MB)`,
          `  building the export:      ${seconds(built.ms)} s (peak RSS ${built.peakRssMb.toFixed(0)} MB)`,
          `  ratio ${ratio.toFixed(2)}x (target <= 1.5): ${ratio <= 1.5 ? 'PASS' : 'FAIL'}`,
          `  peak RSS ${built.peakRssMb.toFixed(0)} MB (target <= 256): ${built.peakRssMb <= 256 ? 'PASS' : 'FAIL'}`,
          '',
        ].join('\n'),
      );
    } finally {
      await api.close();
    }
  } finally {
    await emulators?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
