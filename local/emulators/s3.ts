/**
 * s3rver, run as its own Node process: it needs `--openssl-legacy-provider` (its paged listings
 * use a legacy cipher), a process-wide flag we must not turn on in the API's process.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { localCredentials, localRegion } from '../config';
import { spawnLogged, waitUntilReady, type ManagedProcess } from './process';

export interface S3Emulator {
  readonly endpoint: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * s3rver checks the access key id but not SigV4 signatures, and serves buckets by path: clients
 * need forcePathStyle (the SDK also picks path style by itself for an IP-address endpoint).
 */
export function s3Client(endpoint: string, maxAttempts = 3): S3Client {
  return new S3Client({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
    maxAttempts,
  });
}

/** Starts s3rver with its files under `<dataDir>/s3` and waits until it answers ListBuckets. */
export async function startS3({ port, dataDir }: { port: number; dataDir: string }): Promise<S3Emulator> {
  const directory = resolve(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const cli = join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const managed = spawnLogged(
    's3rver',
    process.execPath,
    ['--openssl-legacy-provider', cli, '-d', directory, '-a', '127.0.0.1', '-p', String(port), '--silent'],
    { cwd: directory, logFile: join(dataDir, 'logs', 's3rver.log'), env },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const probeClient = s3Client(endpoint, 1);
  try {
    await waitUntilReady(managed, () => probeClient.send(new ListBucketsCommand({})));
  } finally {
    probeClient.destroy();
  }
  return { endpoint, process: managed, stop: () => managed.stop() };
}

/** Creates the bucket unless it exists (data persists across `npm start` runs). */
export async function ensureBucket(endpoint: string, bucket: string): Promise<void> {
  const client = s3Client(endpoint);
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (
      (error as Error).name !== 'NotFound' &&
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404
    ) {
      throw error;
    }
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
}
