/**
 * Bedrock Guardrails' ApplyGuardrail as one SigV4-signed HTTPS request, without the Bedrock
 * Runtime client. The create-generation route needs nothing else of Bedrock, and the client
 * (event streams, HTTP/2, every model API) was ~70 KB of its bundle and ~0.24x the reference
 * bundle's cold import, whether or not the stage uses a guardrail (measured, docs/bench.md). A
 * dynamic import did not help: esbuild inlines it, and the cost is in the code being there.
 *
 * The request is the one the SDK sends (REST-JSON: POST /guardrail/{id}/version/{version}/apply,
 * signed for `bedrock`): test/unit/bedrock/signed-guardrail.test.ts holds the two equal, signature
 * included. The answer's JSON has the shape of the SDK's ApplyGuardrailResponse, field for field.
 *
 * Budget (it runs inside an HTTP request: 10 s Lambda timeout, API Gateway's 30 s cap), as the
 * SDK client was configured: 2 attempts of at most 3 s each, retrying throttling, 5xx answers,
 * timeouts and dropped connections after a jittered backoff (`retryPolicies.guardrailRequest`:
 * at most ~1 s for throttling). Worst case about 7 s. Whatever fails here, the moderator fails closed.
 */
import type { ApplyGuardrailCommandInput, ApplyGuardrailCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { retryCall, retryPolicies, type Sleep } from '../../shared/retry';
import { encodeRfc3986 } from '../signing/sigv4';
import { type BedrockRuntimePostOptions, bedrockRuntimePost } from './bedrock-runtime-post';

export type GuardrailAnswer = Omit<ApplyGuardrailCommandOutput, '$metadata'>;
export type ApplyGuardrail = (request: ApplyGuardrailCommandInput) => Promise<GuardrailAnswer>;

/** Where and how to send (./bedrock-runtime-post.ts), and one attempt's deadline and the waits between. */
export interface SignedGuardrailOptions extends BedrockRuntimePostOptions {
  /** The signal that ends one attempt. @default AbortSignal.timeout(3000) */
  attemptDeadline?: () => AbortSignal;
  /** Waits between attempts (`retryPolicies.guardrailRequest`); tests pass one that returns at once. */
  sleep?: Sleep;
}

/** Bedrock refused the call (`name` is its error type) or could not be reached in time. */
export class GuardrailRequestError extends Error {
  constructor(
    name: string,
    readonly status: number | undefined,
    /** Worth another attempt: throttling, a server error, a timeout, a dropped connection. */
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(`ApplyGuardrail failed: ${name}${status ? ` (HTTP ${status})` : ''}`, options);
    this.name = name;
  }
}

const isThrottling = (error: unknown) =>
  error instanceof GuardrailRequestError && (error.status === 429 || error.name === 'ThrottlingException');

export function signedApplyGuardrail(options: SignedGuardrailOptions): ApplyGuardrail {
  const post = bedrockRuntimePost(options);
  const attemptDeadline = options.attemptDeadline ?? (() => AbortSignal.timeout(3_000));

  async function attempt(request: ApplyGuardrailCommandInput): Promise<GuardrailAnswer> {
    const guardrail = encodeRfc3986(String(request.guardrailIdentifier));
    const path = `/guardrail/${guardrail}/version/${encodeRfc3986(String(request.guardrailVersion))}/apply`;
    // The members the SDK serializes into the body, in its order; the path carries the others.
    const body = new TextEncoder().encode(
      JSON.stringify({ source: request.source, content: request.content, outputScope: request.outputScope }),
    );
    try {
      const response = await post({
        path,
        body,
        headers: { 'content-type': 'application/json' },
        deadline: attemptDeadline,
      });
      if (response.ok) return (await response.json()) as GuardrailAnswer;
      const type = (response.headers.get('x-amzn-errortype') ?? '').split(':')[0] || `Http${response.status}`;
      const transient = response.status >= 500 || response.status === 429 || type === 'ThrottlingException';
      throw new GuardrailRequestError(type, response.status, transient);
    } catch (error) {
      if (error instanceof GuardrailRequestError) throw error;
      // No answer in time, a dropped connection, or a body that is not JSON (a proxy's error page).
      const name = (error as { name?: unknown } | null)?.name;
      throw new GuardrailRequestError(
        typeof name === 'string' && name !== 'TypeError' ? name : 'NetworkError',
        undefined,
        true,
        { cause: error },
      );
    }
  }

  return (request) =>
    retryCall(retryPolicies.guardrailRequest, () => attempt(request), {
      retryable: (error) => error instanceof GuardrailRequestError && error.transient,
      throttled: isThrottling,
      sleep: options.sleep,
    });
}
