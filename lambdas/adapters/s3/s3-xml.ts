/**
 * The little XML the signed S3 requests (./signed-bucket.ts) read and write: the DeleteObjects
 * request body, and a few leaf elements of S3's answers (error codes, listed keys, per-key
 * delete errors). S3's REST answers are flat, attribute-free elements whose text never holds a
 * raw `<` (it is escaped, and S3 writes no CDATA), so a leaf element is `<Name>text</Name>` and
 * a regular expression reads it exactly. A general XML parser would be dead weight here.
 */

/** What XML element text must escape; the same set, and the same spelling, as the SDK's XmlText. */
const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#x0D;',
  '\n': '&#x0A;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&"'<>\r\n\u0085\u2028]/g, (c) => escapes[c]);
}

const named: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the five named entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, name: string) => {
    if (!name.startsWith('#')) return named[name] ?? entity;
    const codePoint = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}

/**
 * Each `<name>…</name>` in document order: the raw inner XML of a container, or the unescaped
 * text of a leaf (`decode`). XML turns literal CR LF into LF inside text; so does this.
 */
function elements(xml: string, name: string, decode: boolean): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  return [...xml.replace(/\r\n?/g, '\n').matchAll(pattern)].map(([, inner]) => (decode ? unescapeXml(inner) : inner));
}

/** The text of the first `<name>` leaf, or undefined. */
export function leafText(xml: string, name: string): string | undefined {
  return elements(xml, name, true)[0];
}

/** An S3 error answer's `<Code>` (`NoSuchKey`, `SlowDown`, ...), if the body is one. */
export function errorCode(xml: string): string | undefined {
  const [error] = elements(xml, 'Error', false);
  return error === undefined ? undefined : leafText(error, 'Code');
}

/** ListObjectsV2: the keys of this page, in S3's order. */
export function listedKeys(xml: string): string[] {
  return elements(xml, 'Contents', false).flatMap((contents) => {
    const key = leafText(contents, 'Key');
    return key === undefined ? [] : [key];
  });
}

/** ListObjectsV2: whether more keys follow this page. */
export function isTruncated(xml: string): boolean {
  return leafText(xml, 'IsTruncated') === 'true';
}

/** DeleteObjects answers 200 even when some keys failed: those come back as `<Error>` entries. */
export function deleteErrors(xml: string): Array<{ key?: string; code?: string }> {
  return elements(xml, 'Error', false).map((error) => ({ key: leafText(error, 'Key'), code: leafText(error, 'Code') }));
}

/** The DeleteObjects request body, byte for byte what the SDK sends (Quiet: only failures are listed back). */
export function deleteObjectsBody(keys: readonly string[]): string {
  const objects = keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Delete ` +
    `xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objects}<Quiet>true</Quiet></Delete>`
  );
}
