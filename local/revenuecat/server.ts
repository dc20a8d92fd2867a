/**
 * A fake RevenueCat on node:http, shared by the tests and `npm start`:
 *  - its REST API as Pictor's client reads it: `GET /v1/subscribers/{id}` (get or create, as
 *    RevenueCat's does) and `DELETE /v1/subscribers/{id}`, with the secret key checked;
 *  - faults for tests (`failNext`): a status (5xx, 429 with Retry-After) or a delay that outlasts
 *    the client's timeout, for the next requests;
 *  - `POST /_fake/<command>` (the `npm run local:revenuecat` commands): buy, renew, pack, refund,
 *    cancel, expire, transfer change the customer and deliver the event to the webhook through
 *    the sender; `drop-next` makes the next command record without delivering (a webhook
 *    RevenueCat gave up on), so `sync` and the reconciliation have something to find.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeCustomers, type FakeEvent, FakeStoreError } from './customers';
import type { DeliveryOutcome } from './webhook-sender';

export interface Fault {
  status?: number;
  retryAfterSeconds?: number;
  /** Hold the answer this long (a timeout, when longer than the client waits). */
  delayMs?: number;
}

export interface FakeRevenueCatOptions {
  apiKey: string;
  subscriptionProducts: Iterable<string>;
  /** Where events go; unset: recorded only. */
  deliver?: (event: FakeEvent) => Promise<DeliveryOutcome>;
  /** @default 0 (an ephemeral port) */
  port?: number;
  now?: () => number;
}

export interface FakeRevenueCat {
  readonly url: string;
  readonly port: number;
  readonly customers: FakeCustomers;
  /** Every REST request (not the control ones), in order. */
  readonly requests: Array<{ method: string; path: string }>;
  /** The next requests answer these faults, one each, in order. */
  failNext(...faults: Fault[]): void;
  /** Runs a command as `npm run local:revenuecat` does; the event and how its delivery went. */
  run(command: string, args: string[]): Promise<{ event: FakeEvent; delivery: DeliveryOutcome | 'dropped' }>;
  close(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startFakeRevenueCat(options: FakeRevenueCatOptions): Promise<FakeRevenueCat> {
  const now = options.now ?? Date.now;
  const customers = new FakeCustomers(new Set(options.subscriptionProducts), now);
  const faults: Fault[] = [];
  const requests: FakeRevenueCat['requests'] = [];
  let dropNext = false;

  async function run(command: string, args: string[]) {
    if (command === 'drop-next') {
      dropNext = true;
      return { event: { id: '', type: 'NONE', event_timestamp_ms: now() }, delivery: 'dropped' as const };
    }
    const [user, second] = args;
    if (!user) throw new FakeStoreError('name the user');
    const need = (what: string) => second ?? failWith(`name the ${what}`);
    const event =
      command === 'buy'
        ? customers.buy(user, need('product'))
        : command === 'pack'
          ? customers.pack(user, need('product'))
          : command === 'renew'
            ? customers.renew(user)
            : command === 'refund'
              ? customers.refund(user)
              : command === 'cancel'
                ? customers.cancel(user)
                : command === 'expire'
                  ? customers.expire(user)
                  : command === 'transfer'
                    ? customers.transfer(user, need('user to transfer to'))
                    : failWith(`unknown command ${command}`);
    if (dropNext || !options.deliver) {
      dropNext = false;
      return { event, delivery: 'dropped' as const };
    }
    return { event, delivery: await options.deliver(event) };
  }

  async function rest(request: IncomingMessage, response: ServerResponse, path: string) {
    requests.push({ method: request.method ?? '', path });
    const fault = faults.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.status) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      const body =
        fault.status === 429
          ? { type: 'rate_limit_error', retryable: true, backoff_ms: (fault.retryAfterSeconds ?? 1) * 1000 }
          : { message: 'fake failure', code: 7000 };
      return json(response, fault.status, body, headers);
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return json(response, 401, { message: 'Invalid API key.', code: 7225 });
    }
    const match = /^\/v1\/subscribers\/([^/]+)$/.exec(path);
    if (!match) return json(response, 404, { message: 'not found', code: 7259 });
    const userId = decodeURIComponent(match[1]);
    if (request.method === 'DELETE') {
      if (!customers.delete(userId)) return json(response, 404, { message: 'not found', code: 7259 });
      return json(response, 200, { app_user_id: userId, deleted: true });
    }
    if (request.method !== 'GET') return json(response, 405, { message: 'method not allowed', code: 7000 });
    const customer = customers.get(userId);
    const at = new Date(now()).toISOString();
    return json(response, customer ? 200 : 201, {
      request_date: at,
      request_date_ms: now(),
      subscriber: {
        original_app_user_id: userId,
        first_seen: at,
        last_seen: at,
        entitlements: {},
        subscriptions: customer?.subscriptions ?? {},
        non_subscriptions: customer?.non_subscriptions ?? {},
      },
    });
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const control = /^\/_fake\/([a-z-]+)$/.exec(path);
    const handled = control
      ? readBody(request).then(async (body) => {
          const { args = [] } = body as { args?: string[] };
          return json(response, 200, await run(control[1], args));
        })
      : rest(request, response, path);
    handled.catch((error: unknown) => {
      if (response.headersSent) return;
      const status = error instanceof FakeStoreError ? 400 : 500;
      json(response, status, { message: (error as Error).message });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    customers,
    requests,
    failNext: (...more) => faults.push(...more),
    run,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function failWith(message: string): never {
  throw new FakeStoreError(message);
}
