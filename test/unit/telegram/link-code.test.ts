import {
  hashLinkCode,
  isLinkCodeFormat,
  linkDeepLink,
  newLinkCode,
  normalizeLinkCode,
} from '../../../lambdas/domain/telegram/link-code';

describe('link codes', () => {
  it('issues 16 base32 characters that pass the format check', () => {
    const code = newLinkCode();
    expect(code).toHaveLength(16);
    expect(isLinkCodeFormat(code)).toBe(true);
  });

  it('encodes all 80 random bits (all-ones bytes give the last letter everywhere)', () => {
    expect(newLinkCode((size) => Buffer.alloc(size, 0xff))).toBe('Z'.repeat(16));
    expect(newLinkCode((size) => Buffer.alloc(size, 0))).toBe('0'.repeat(16));
  });

  it('issues different codes each time', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newLinkCode()));
    expect(codes.size).toBe(50);
  });

  it('accepts a code typed in lower case with spaces around it', () => {
    const code = newLinkCode();
    expect(isLinkCodeFormat(normalizeLinkCode(`  ${code.toLowerCase()} `))).toBe(true);
  });

  it('refuses look-alike letters, wrong lengths and other characters', () => {
    expect(isLinkCodeFormat('I'.repeat(16))).toBe(false);
    expect(isLinkCodeFormat('0'.repeat(15))).toBe(false);
    expect(isLinkCodeFormat('0'.repeat(17))).toBe(false);
    expect(isLinkCodeFormat(`${'0'.repeat(15)}-`)).toBe(false);
  });

  it('stores a 64-hex hash that differs from the code', () => {
    const code = newLinkCode();
    expect(hashLinkCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkCode(code)).not.toContain(code);
  });

  it('builds the deep link with the link_ start payload', () => {
    expect(linkDeepLink('PictorBot', 'ABC')).toBe('https://t.me/PictorBot?start=link_ABC');
  });
});
