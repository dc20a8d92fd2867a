/**
 * The public share page and the headers of every public share answer. The page is static HTML:
 * no script, no form, no cookie, no third-party resource; every piece of text that came from a
 * person (the conversation's title) is HTML-escaped, and the Content-Security-Policy would stop
 * anything that slipped through anyway. The Open Graph and Twitter card tags let a pasted link
 * preview in chat apps; their image is `/s/{token}/image`, an absolute URL as crawlers need.
 */
import { createHash } from 'node:crypto';
import type { ShareTarget } from '../../domain/shares/share-link';

/** What the page says when the conversation has no title. */
export const neutralShareTitle = 'An image shared from Pictor';

const pageStyle =
  'body{margin:0;background:#111;color:#eee;font:16px/1.4 system-ui,sans-serif}' +
  'main{max-width:960px;margin:0 auto;padding:16px}h1{font-size:1.1rem;font-weight:500}' +
  'img{display:block;max-width:100%;height:auto}';

/** The one inline style is allowed by its hash, so the policy needs no 'unsafe-inline'. */
const styleHash = createHash('sha256').update(pageStyle, 'utf8').digest('base64');

/**
 * Headers on every public share answer, the 404s included: nothing is cached anywhere (a revoked
 * link stops at once), nothing is sniffed, no referrer carries the token to the image host, and
 * no page of Pictor's can be framed.
 */
export const shareResponseHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/**
 * The page's policy: nothing but its own inline style (by hash) and images from this API (the
 * image route) and from where it redirects (the bucket's presigned URL, over the page's scheme:
 * https at AWS, http only on the local stack).
 */
export function sharePagePolicy(baseUrl: string): string {
  const scheme = baseUrl.startsWith('http://') ? 'http:' : 'https:';
  return [
    "default-src 'none'",
    `img-src 'self' ${scheme}`,
    `style-src 'sha256-${styleHash}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]);
}

/** The page for a live share at `pageUrl`, its image at `imageUrl` (both absolute). */
export function sharePageHtml(target: ShareTarget, pageUrl: string, imageUrl: string): string {
  const title = escapeHtml(target.title ?? neutralShareTitle);
  const page = escapeHtml(pageUrl);
  const image = escapeHtml(imageUrl);
  const description = escapeHtml(neutralShareTitle);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<meta property="og:type" content="website">
<meta property="og:site_name" content="Pictor">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${page}">
<meta property="og:image" content="${image}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${target.width}">
<meta property="og:image:height" content="${target.height}">
<meta property="og:image:alt" content="${title}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${image}">
<style>${pageStyle}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<img src="${image}" alt="${title}" width="${target.width}" height="${target.height}">
</main>
</body>
</html>
`;
}
