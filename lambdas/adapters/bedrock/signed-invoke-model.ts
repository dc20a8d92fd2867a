/**
 * Bedrock's InvokeModel as one SigV4-signed HTTPS request, without the Bedrock Runtime client.
 * The generation worker needs nothing else of Bedrock, and the client (event streams, HTTP/2,
 * every model API, its own retry machinery) was ~50 KB of the worker's bundle and most of its
 * import time over the lean reference (docs/bench.md). ApplyGuardrail is signed the same way
 * (./signed-guardrail.ts).
 *
 * The request is the one the SDK sends (REST-JSON: POST /model/{modelId}/invoke, the body as
 * given, `content-type` and `accept` from the input, signed for `bedrock`), and a refusal is
 * raised as an error with the fields the SDK gives its service exceptions (`name` from the
 * `x-amzn-errortype` header, `message` from the body, `$fault`, `$metadata.httpStatusCode`,
 * `$retryable` where the service marks the exception retryable), so ./invoke-model-errors.ts
 * decides every outcome exactly as it did for the SDK's errors.
 * test/unit/bedrock/stability-signed-invoke.test.ts holds both against the SDK itself.
 *
 * Budget: the worker has 120 s (lib/workers.ts). Each attempt may wait 100 s, because Bedrock
 * sends nothing until the image is ready; that leaves about 20 s to store the image and settle.
 */
import { retryCall, retryPolicies, type Sleep } from '../../shared/retry';
import { encodeRfc3986 } from '../signing/sigv4';
import { type BedrockRuntimePostOptions, bedrockRuntimePost } from './bedrock-runtime-post';

/** The InvokeModel members Pictor sends, named as in the SDK's InvokeModelCommandInput. */
export interface InvokeModelInput {
  modelId: string;
  contentType: string;
  accept: string;
  body: string;
}

/** The response body, as the SDK's InvokeModelCommandOutput carries it. */
export interface InvokeModelOutput {
  body: Uint8Array;
}

export type InvokeModel = (input: InvokeModelInput) => Promise<InvokeModelOutput>;

/** Where and how to send (./bedrock-runtime-post.ts), and one attempt's deadline and the waits between. */
export interface SignedInvokeModelOptions extends BedrockRuntimePostOptions {
  /** The signal that ends one attempt. @default AbortSignal.timeout(attemptTimeoutMs) */
  attemptDeadline?: () => AbortSignal;
  /** Waits between attempts (`retryPolicies.invokeModel`); tests pass one that returns at once. */
  sleep?: Sleep;
}

/**
 * A refusal from Bedrock, shaped like the SDK's service exceptions (see the file comment). Never
 * carries the request: the prompt is in it (SECURITY H1).
 */
export class InvokeModelServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  /** Set, as the SDK sets it, on the exceptions the service models as retryable. */
  readonly $retryable?: object;

  constructor(name: string, message: string, status: number, requestId: string | undefined) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
    if (retryableExceptions.has(name)) this.$retryable = {};
  }
}

/** The Bedrock Runtime exceptions its model marks `@retryable` (the SDK sets `$retryable` on them). */
const retryableExceptions = new Set(['ModelNotReadyException']);

/** How long one attempt may wait for the image (see the file comment's budget). */
export const attemptTimeoutMs = 100_000;
const retriedStatuses = new Set([429, 500, 502, 503, 504]);

/**
 * Retries (`retryPolicies.invokeModel`, the SDK client's standard mode that this replaces) cover
 * what clears in milliseconds: throttling, ModelNotReady, 500/502/503/504 and a dropped
 * connection. A timed-out attempt is not retried: a second 100 s wait cannot finish inside the
 * 120 s Lambda. Past these attempts the queue is the outer retry loop: the worker postpones the
 * job by minutes (lambdas/shared/sqs-worker.ts), and the last delivery fails and refunds.
 */
export function signedInvokeModel(options: SignedInvokeModelOptions): InvokeModel {
  const post = bedrockRuntimePost(options);
  const attemptDeadline = options.attemptDeadline ?? (() => AbortSignal.timeout(attemptTimeoutMs));

  async function attempt(input: InvokeModelInput): Promise<InvokeModelOutput> {
    const response = await post({
      path: `/model/${encodeRfc3986(input.modelId)}/invoke`,
      body: new TextEncoder().encode(input.body),
      headers: { 'content-type': input.contentType, accept: input.accept },
      deadline: attemptDeadline,
    });
    const answer = new Uint8Array(await response.arrayBuffer());
    if (response.ok) return { body: answer };
    throw serviceError(response, answer);
  }

  return (input) =>
    retryCall(retryPolicies.invokeModel, () => attempt(input), {
      retryable: worthAnotherAttempt,
      throttled: (error) => error instanceof InvokeModelServiceError && error.$metadata.httpStatusCode === 429,
      sleep: options.sleep,
    });
}

function worthAnotherAttempt(error: unknown): boolean {
  if (error instanceof InvokeModelServiceError)
    return retriedStatuses.has(error.$metadata.httpStatusCode) || error.$retryable !== undefined;
  // fetch rejects with a TypeError when the connection fails or drops; a deadline is a TimeoutError.
  return error instanceof TypeError;
}

/**
 * The error type as the SDK reads it: the `x-amzn-errortype` header without its `:namespace`
 * suffix, else the body's `__type` or `code`; with neither, the SDK calls it `Unknown` (its fault and status still
 * tell).
 */
function serviceError(response: Response, answer: Uint8Array): InvokeModelServiceError {
  const fields = jsonFields(answer);
  const typed = response.headers.get('x-amzn-errortype') ?? fields.__type ?? fields.code ?? '';
  const name = sanitizeErrorCode(typed) || 'Unknown';
  const message = fields.message ?? fields.Message ?? name;
  return new InvokeModelServiceError(
    name,
    message,
    response.status,
    response.headers.get('x-amzn-requestid') ?? undefined,
  );
}

/** As the SDK's sanitizeErrorCode: drop a `:…` suffix and a `…#` prefix. */
function sanitizeErrorCode(raw: string): string {
  let code = raw.split(':')[0];
  if (code.includes('#')) code = code.split('#')[1];
  return code;
}

function jsonFields(answer: Uint8Array): Record<string, string | undefined> {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(answer));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const record = parsed as Record<string, unknown>;
    return {
      __type: text(record.__type),
      code: text(record.code),
      message: text(record.message),
      Message: text(record.Message),
    };
  } catch {
    return {};
  }
}
