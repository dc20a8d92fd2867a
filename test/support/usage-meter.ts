/**
 * Meters what the in-process handlers send, in the units AWS bills, for the cost-usage test
 * (test/integration/cost-usage.test.ts): DynamoDB requests by wire name with the capacity units
 * the table reports for each (every request asks for ReturnConsumedCapacity=TOTAL, so DynamoDB
 * Local sizes the items as DynamoDB would), S3 requests by kind (the S3 adapters send signed
 * fetches), and the lines the handlers log.
 */
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import type { S3RequestKind } from '../../bench/cost/usage';
import { countCommands } from './command-counts';

export interface DynamoMeter {
  /** Request counts by wire name, e.g. `TransactWriteItemsCommand`. */
  readonly requests: Record<string, number>;
  readonly readUnits: number;
  readonly writeUnits: number;
}

export interface UsageMeter {
  dynamo(): DynamoMeter;
  s3(): Partial<Record<S3RequestKind, number>>;
  /** Lines the handlers wrote to stdout (the Powertools logger) since the last reset. */
  logLines(): string[];
  reset(): void;
  stop(): void;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const readCommands = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

export function meterUsage(): UsageMeter {
  const commands = countCommands(documentClient);
  let readUnits = 0;
  let writeUnits = 0;
  const name = 'meterConsumedCapacity';
  const stack = documentClient.middlewareStack as unknown as {
    add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
    remove(name: string): boolean;
  };
  stack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        args.input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (result as { output: { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] } }).output
          .ConsumedCapacity;
        for (const entry of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
          // A transaction or batch reports one entry per table; a single-item request reports CapacityUnits only.
          const read = entry.ReadCapacityUnits ?? 0;
          const write = entry.WriteCapacityUnits ?? 0;
          if (read || write) {
            readUnits += read;
            writeUnits += write;
          } else if (readCommands.has(String(context.commandName))) readUnits += entry.CapacityUnits ?? 0;
          else writeUnits += entry.CapacityUnits ?? 0;
        }
        return result;
      },
    { step: 'initialize', name },
  );

  const s3Endpoint = () => new URL(process.env.AWS_ENDPOINT_URL_S3!).host;
  const s3Counts: Partial<Record<S3RequestKind, number>> = {};
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.host === s3Endpoint()) {
      const kind = s3Kind(init?.method ?? 'GET', new Headers(init?.headers), url);
      s3Counts[kind] = (s3Counts[kind] ?? 0) + 1;
    }
    return realFetch(input, init);
  }) as typeof fetch;

  // Every S3 call, the account-deletion purge's included, is a signed fetch counted above.
  const s3 = () => ({ ...s3Counts });

  const lines: string[] = [];
  const realWrite = process.stdout.write.bind(process.stdout);
  // The handlers' JSON lines are counted and kept out of the test output; anything else passes.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    const json = text.split('\n').filter((line) => line.startsWith('{'));
    lines.push(...json);
    if (json.length > 0 && text.trim().split('\n').length === json.length) return true;
    return (realWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;

  return {
    dynamo: () => ({
      requests: Object.fromEntries(
        [...new Set(commands.names)].sort().map((command) => [command, commands.count(command)]),
      ),
      readUnits,
      writeUnits,
    }),
    s3,
    logLines: () => [...lines],
    reset: () => {
      commands.reset();
      readUnits = 0;
      writeUnits = 0;
      for (const key of Object.keys(s3Counts)) delete s3Counts[key as S3RequestKind];
      lines.splice(0);
    },
    stop: () => {
      commands.stop();
      stack.remove(name);
      globalThis.fetch = realFetch;
      process.stdout.write = realWrite as typeof process.stdout.write;
    },
  };
}

function s3Kind(method: string, headers: Headers, url: URL): S3RequestKind {
  if (method === 'PUT') return headers.has('x-amz-copy-source') ? 'COPY' : 'PUT';
  if (method === 'POST') return url.searchParams.has('delete') ? 'DELETE_OBJECTS' : 'POST';
  if (method === 'GET') return url.searchParams.has('list-type') ? 'LIST' : 'GET';
  if (method === 'HEAD') return 'HEAD';
  return 'OTHER';
}
