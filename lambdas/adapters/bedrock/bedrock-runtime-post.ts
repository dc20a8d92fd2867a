/**
 * One SigV4-signed POST to Bedrock Runtime, as its SDK client sends it: InvokeModel
 * (./signed-invoke-model.ts) and ApplyGuardrail (./signed-guardrail.ts) are both a JSON POST to
 * `bedrock-runtime.<region>.amazonaws.com` signed for `bedrock`, and differ only in path, headers
 * and what they make of the answer. Signing and sending live here once, so the two cannot drift
 * (the tests hold each request equal to the SDK's, signature included).
 */
import { HttpRequest } from '@smithy/core/transport';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { sigV4Signer } from '../signing/sigv4';

export interface BedrockRuntimePostOptions {
  region: string;
  credentials?: AwsCredentialIdentityProvider;
  /** The transport; tests capture requests with their own. @default fetch */
  fetch?: typeof fetch;
  /** The signing clock. @default the system clock */
  now?: () => Date;
}

export interface BedrockRuntimeRequest {
  /** Already encoded (RFC 3986 labels), as signed and sent. */
  path: string;
  body: Uint8Array;
  /** Content headers (`content-type`, `accept`); host and length are added here. */
  headers: Record<string, string>;
  /** The signal that ends the attempt, asked for as the request leaves (after signing). */
  deadline: () => AbortSignal;
}

/** Signs and sends one request; the caller reads the Response (ok or not) and decides. */
export type BedrockRuntimePost = (request: BedrockRuntimeRequest) => Promise<Response>;

export function bedrockRuntimePost(options: BedrockRuntimePostOptions): BedrockRuntimePost {
  const signer = sigV4Signer({ service: 'bedrock', region: options.region, credentials: options.credentials });
  const host = `bedrock-runtime.${options.region}.amazonaws.com`;
  const transport = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  return async ({ path, body, headers, deadline }) => {
    const signed = await signer.sign(
      new HttpRequest({
        protocol: 'https:',
        hostname: host,
        method: 'POST',
        path,
        headers: { ...headers, 'content-length': String(body.byteLength), host },
        body,
      }),
      { signingDate: now() },
    );
    // fetch derives Host and Content-Length from the URL and the body: the same values as signed.
    const { host: _host, 'content-length': _length, ...sent } = signed.headers;
    return transport(`https://${host}${path}`, {
      method: 'POST',
      headers: sent,
      body,
      signal: deadline(),
      redirect: 'manual',
    });
  };
}
