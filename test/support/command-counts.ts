/**
 * Counts the requests an SDK client sends, by wire-level command name (`QueryCommand`,
 * `BatchWriteItemCommand`, `DeleteObjectsCommand`...), for the request-count checks (one
 * DynamoDB request per read route, batch calls per 1,000 items). Counted at `initialize`, so a
 * request the SDK retries on its own counts once, as the code under test sent it once.
 */
import { randomUUID } from 'node:crypto';

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

export function countCommands(client: ClientWithMiddleware): CommandCounts {
  const names: string[] = [];
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
    count: (commandName) => names.filter((name) => name === commandName).length,
    reset: () => void names.splice(0),
    stop: () => void client.middlewareStack.remove(middlewareName),
  };
}
