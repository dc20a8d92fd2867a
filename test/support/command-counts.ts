/**
 * Counts the requests an SDK client or the signed images bucket sends, by wire-level command
 * name (`QueryCommand`, `BatchWriteItemCommand`, `DeleteObjectsCommand`...: a signed S3 call
 * counts as its operation's command), for the request-count checks (one DynamoDB request per
 * read route, batch calls per 1,000 items). Counted before retries, so a request the client
 * retries on its own counts once, as the code under test sent it once.
 */
import { randomUUID } from 'node:crypto';
import type { SignedBucket } from '../../lambdas/adapters/s3/signed-bucket';

interface ClientWithMiddleware {
  middlewareStack: {
    add(
      middleware: (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>,
      options: { step: 'initialize'; name: string },
    ): void;
    remove(name: string): boolean;
  };
}

export interface CommandCounts {
  /** Every command sent since the start (or the last reset), in order, but those set aside. */
  readonly names: string[];
  /** The commands `setAside` picked out, in order (e.g. the request limiter's counters). */
  readonly asideNames: string[];
  count(commandName: string): number;
  reset(): void;
  /** Stops counting (the client keeps working). */
  stop(): void;
}

/** Which commands to count apart from the code under test's own: by name and input, as sent. */
export type SetAside = (commandName: string, input: unknown) => boolean;

export function countCommands(client: ClientWithMiddleware | SignedBucket, setAside?: SetAside): CommandCounts {
  const names: string[] = [];
  const asideNames: string[] = [];
  const reset = () => {
    names.splice(0);
    asideNames.splice(0);
  };
  const counts = (commandName: string) => names.filter((name) => name === commandName).length;
  if (!('middlewareStack' in client)) {
    const send = client.send;
    client.send = (call) => {
      names.push(`${call.operation}Command`);
      return send(call);
    };
    return {
      names,
      asideNames,
      count: counts,
      reset,
      stop: () => {
        client.send = send;
      },
    };
  }
  const middlewareName = `countCommands-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = String(context.commandName);
      (setAside?.(name, args.input) ? asideNames : names).push(name);
      return next(args);
    },
    { step: 'initialize', name: middlewareName },
  );
  return {
    names,
    asideNames,
    count: counts,
    reset,
    stop: () => void client.middlewareStack.remove(middlewareName),
  };
}
