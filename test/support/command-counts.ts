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
  /** Every command sent since the start (or the last reset), in order. */
  readonly names: string[];
  count(commandName: string): number;
  reset(): void;
  /** Stops counting (the client keeps working). */
  stop(): void;
}

export function countCommands(client: ClientWithMiddleware | SignedBucket): CommandCounts {
  const names: string[] = [];
  const counts = (commandName: string) => names.filter((name) => name === commandName).length;
  if (!('middlewareStack' in client)) {
    const send = client.send;
    client.send = (call) => {
      names.push(`${call.operation}Command`);
      return send(call);
    };
    return {
      names,
      count: counts,
      reset: () => void names.splice(0),
      stop: () => {
        client.send = send;
      },
    };
  }
  const middlewareName = `countCommands-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: middlewareName },
  );
  return {
    names,
    count: counts,
    reset: () => void names.splice(0),
    stop: () => void client.middlewareStack.remove(middlewareName),
  };
}
