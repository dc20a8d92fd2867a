/**
 * The API's public address, derived from the request the way API Gateway delivers it: the
 * domain the client called (`requestContext.domainName`), `https` unless the request says it
 * came over plain http (only the local stack does), and the stage's path unless it is the
 * `$default` stage Pictor deploys. Absolute URLs in answers (a share link's `url`, a share page's
 * `og:image`) are built from this, so each stage and the local stack name themselves with no
 * configured value. A custom domain with a base-path mapping would need the mapping's path here.
 */

/** What of the event the address is built from (payload 2.0). */
export interface AddressedEvent {
  headers?: Readonly<Record<string, string | undefined>>;
  requestContext?: { domainName?: string; stage?: string };
}

/** A host, optionally with a port: anything else (a forged Host header on the local stack) is not echoed back. */
const hostPattern = /^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/;

/** `https://<domain>` (or `…/<stage>`), with no trailing slash. */
export function baseUrlOf(event: AddressedEvent): string {
  const scheme = event.headers?.['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  const domain = event.requestContext?.domainName;
  const host = domain && hostPattern.test(domain) ? domain : 'localhost';
  const stage = event.requestContext?.stage;
  const stagePath = stage && stage !== '$default' && /^[A-Za-z0-9_-]+$/.test(stage) ? `/${stage}` : '';
  return `${scheme}://${host}${stagePath}`;
}
