/** What the local servers (the API router, the AWS JSON endpoints) share: request bodies, listening, closing. */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reads a request body up to `maxBytes`; past it, drains the rest and reports the overflow. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes ? 'too-large' : Buffer.concat(chunks);
}

export interface ListeningServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts `server` on `host:port` (0 picks a free port) and resolves once it listens. A failure to
 * listen rejects with `listenError(error)` (the error itself by default).
 */
export async function listen(
  server: Server,
  {
    port,
    host,
    listenError = (error) => error,
  }: { port: number; host: string; listenError?: (error: NodeJS.ErrnoException) => Error },
): Promise<ListeningServer> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error)));
    server.listen(port, host, () => resolveListen());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections (the SDK's, a browser's) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
