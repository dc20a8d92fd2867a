/**
 * Starts the three AWS emulators in parallel, then creates the table and the images bucket.
 * If any part fails, whatever did start is stopped before the error propagates, so a failed
 * start never leaves a JVM or a Node child behind.
 */
import { resolve } from 'node:path';
import {
  LocalStackError,
  handlerEnv,
  localNames,
  localPorts,
  localRegion,
  portEnvNames,
  type LocalEndpoints,
  type LocalPorts,
} from '../config';
import { startCognito, type CognitoEmulator, type Jwks } from './cognito';
import { ensureTable, startDynamoDb, type DynamoDbEmulator } from './dynamodb';
import { assertJava17, assertPortFree, freePort } from './process';
import { ensureBucket, startS3, type S3Emulator } from './s3';

export type EmulatorPorts = Omit<LocalPorts, 'api'>;

export interface StartEmulatorsOptions {
  /** @default localPorts(): 8000, 4569, 9229, each overridable by its PICTOR_*_PORT env var */
  ports?: Partial<EmulatorPorts>;
  /** Holds every emulator's data and logs (`logs/*.log`). */
  dataDir: string;
  /** Keep DynamoDB data on disk across restarts; tests run it in memory. @default true */
  persist?: boolean;
}

export interface LocalEmulators {
  readonly region: string;
  readonly dataDir: string;
  readonly ports: EmulatorPorts;
  readonly endpoints: LocalEndpoints;
  readonly tableName: string;
  readonly imagesBucket: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly jwks: Jwks;
  /** The environment handlers need: region, fake credentials, endpoints, resource names, config. */
  readonly env: Record<string, string>;
  /** Pids of the emulator process groups, for diagnostics. */
  readonly pids: Record<keyof EmulatorPorts, number>;
  /** Stops every emulator and waits until each process group is gone. */
  stop(): Promise<void>;
}

type Emulator = DynamoDbEmulator | S3Emulator | CognitoEmulator;

/** Ephemeral ports for tests, so runs never collide with `npm start` or each other. */
export async function ephemeralPorts(): Promise<EmulatorPorts> {
  return { dynamodb: await freePort(), s3: await freePort(), cognito: await freePort() };
}

export async function startEmulators({
  ports: wanted = {},
  dataDir,
  persist = true,
}: StartEmulatorsOptions): Promise<LocalEmulators> {
  const defaults = localPorts();
  const ports: EmulatorPorts = {
    dynamodb: wanted.dynamodb ?? defaults.dynamodb,
    s3: wanted.s3 ?? defaults.s3,
    cognito: wanted.cognito ?? defaults.cognito,
  };
  const root = resolve(dataDir);

  // Fail before spawning anything, with messages that say what to do.
  assertJava17();
  await assertPortFree(ports.dynamodb, 'DynamoDB Local', portEnvNames.dynamodb);
  await assertPortFree(ports.s3, 's3rver', portEnvNames.s3);
  await assertPortFree(ports.cognito, 'cognito-local', portEnvNames.cognito);

  const results = await Promise.allSettled([
    startDynamoDb({ port: ports.dynamodb, dataDir: root, persist }),
    startS3({ port: ports.s3, dataDir: root }),
    startCognito({ port: ports.cognito, dataDir: root }),
  ]);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value as Emulator] : []));
  const stopAll = async () => {
    await Promise.all(started.map((emulator) => emulator.stop()));
  };
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [dynamodb, s3, cognito] = started as [DynamoDbEmulator, S3Emulator, CognitoEmulator];
  const endpoints: LocalEndpoints = { dynamodb: dynamodb.endpoint, s3: s3.endpoint, cognito: cognito.endpoint };

  try {
    await Promise.all([
      ensureTable(endpoints.dynamodb, localNames.tableName, resolve(root, 'dynamodb')),
      ensureBucket(endpoints.s3, localNames.imagesBucket),
    ]);
  } catch (error) {
    await stopAll();
    if (error instanceof LocalStackError) throw error;
    throw new LocalStackError(`Creating the local table or bucket failed: ${(error as Error).message}`);
  }

  return {
    region: localRegion,
    dataDir: root,
    ports,
    endpoints,
    tableName: localNames.tableName,
    imagesBucket: localNames.imagesBucket,
    userPoolId: cognito.userPoolId,
    userPoolClientId: cognito.clientId,
    jwks: cognito.jwks,
    env: handlerEnv(endpoints),
    pids: { dynamodb: dynamodb.process.pid, s3: s3.process.pid, cognito: cognito.process.pid },
    stop: stopAll,
  };
}
