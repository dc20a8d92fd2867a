/**
 * A fake Telegram Bot API for tests and the local stack: `POST /bot<token>/<method>` with JSON or
 * multipart bodies, as grammY sends them. It records every call, answers as Telegram does
 * (`{ ok, result }` or `{ ok: false, error_code, description, parameters }`), refuses a wrong
 * token (401), answers 403 for a chat that "blocked the bot" and 429 with `retry_after` on demand.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  readonly method: string;
  /** JSON fields, or a multipart body's text fields (a file part as `{ file: <bytes>, type }`). */
  readonly params: Record<string, unknown>;
}

export interface TelegramFailure {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number };
}

export interface FakeBotApi {
  /** For grammY's `client.apiRoot`. */
  readonly url: string;
  readonly calls: BotApiCall[];
  /** Calls of one method, in order. */
  callsOf(method: string): BotApiCall[];
  /** Every send to this chat answers 403 "bot was blocked by the user" until `unblock`. */
  block(chatId: number): void;
  unblock(chatId: number): void;
  /** The next call of `method` answers 429 with this `retry_after` (seconds). */
  floodNext(method: string, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

/** A private chat's `chat_id` as grammY sends it (a number in JSON, a string in multipart). */
const chatOf = (params: Record<string, unknown>) => Number(params.chat_id);

export async function startFakeBotApi(options: { token: string; port?: number }): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const blocked = new Set<number>();
  const floods = new Map<string, number>();
  let nextMessageId = 1;

  const answer = (method: string, params: Record<string, unknown>): { ok: true; result: unknown } | TelegramFailure => {
    const retryAfter = floods.get(method);
    if (retryAfter !== undefined) {
      floods.delete(method);
      return {
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      };
    }
    if ('chat_id' in params && blocked.has(chatOf(params))) {
      return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    }
    if (method.startsWith('send')) {
      return {
        ok: true,
        result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatOf(params) } },
      };
    }
    return { ok: true, result: true };
  };

  const server: Server = createServer(async (request, response) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url ?? '');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!match || match[1] !== options.token) {
      reply(match ? 401 : 404, { ok: false, error_code: match ? 401 : 404, description: 'Unauthorized' });
      return;
    }
    const method = match[2];
    const params = await paramsOf(request);
    calls.push({ method, params });
    const result = answer(method, params);
    if ('ok' in result) reply(200, result);
    else reply(result.error_code, { ok: false, ...result });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    block: (chatId) => blocked.add(chatId),
    unblock: (chatId) => blocked.delete(chatId),
    floodNext: (method, seconds) => floods.set(method, seconds),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function paramsOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (body.length === 0) return {};
  if (type.startsWith('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('multipart/form-data')) return multipartParams(body, type);
  return { raw: body.toString('utf8') };
}

/**
 * The parts of grammY's multipart body. Read by hand: undici's `formData()` refuses grammY's
 * framing (its parts end without the CRLF undici expects before a boundary).
 */
function multipartParams(body: Buffer, type: string): Record<string, unknown> {
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (!boundary) return {};
  const params: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      let content = part.subarray(headerEnd + 4);
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      const name = /name="([^"]+)"/.exec(headers)?.[1];
      const fileType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (name) {
        params[name] = /filename=/.test(headers)
          ? { file: new Uint8Array(content), type: fileType ?? 'application/octet-stream' }
          : content.toString('utf8');
      }
    }
    at = next;
  }
  // grammY names a file `attach://<part>` and sends it in that part, as the Bot API allows.
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const part = value.slice('attach://'.length);
      params[name] = params[part];
      delete params[part];
    }
  }
  return params;
}
