/**
 * SigV4 for the requests Pictor signs itself instead of loading a whole SDK client (S3 requests
 * and presigns, Bedrock, SNS, Cognito's admin calls): the SDK's own signer, with the credentials Lambda hands a
 * function in its environment. One place, so every signed request hashes, encodes and finds its
 * credentials the same way.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface SignerOptions {
  service: string;
  region: string;
  /** @default the environment's credentials (what Lambda provides) */
  credentials?: AwsCredentialIdentityProvider;
  /**
   * Whether the signer encodes the path once more. S3 signs the path as sent, so it needs false.
   * @default true
   */
  uriEscapePath?: boolean;
}

export function sigV4Signer({ service, region, credentials, uriEscapePath }: SignerOptions): SignatureV4 {
  return new SignatureV4({
    service,
    region,
    credentials: credentials ?? fromEnv(),
    sha256: Hash.bind(null, 'sha256'),
    ...(uriEscapePath === undefined ? {} : { uriEscapePath }),
  });
}

/** RFC 3986 encoding, as the SDK encodes path labels and query parameters (`!'()*` too). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface PostToSign {
  signer: SignatureV4;
  url: URL;
  /** Content headers; `host` is added (and signed) here. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs a POST of `body` to `url`: the fetch options that send it. fetch derives Host from the
 * URL, the value signed, so it is left out of the headers.
 */
export async function signPost({ signer, url, headers, body }: PostToSign) {
  const signed = await signer.sign(
    new HttpRequest({
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      method: 'POST',
      path: url.pathname,
      headers: { ...headers, host: url.host },
      body,
    }),
  );
  const { host: _host, ...sent } = signed.headers;
  return { method: 'POST', headers: sent, body };
}
