/** Share tokens: unguessable (256 random bits), never repeated, and stored as a one-way hash. */
import { createHash } from 'node:crypto';
import { hashShareToken, isShareTokenFormat, newShareToken } from '../../../lambdas/domain/shares/share-token';

describe('share tokens', () => {
  it('are 43 base64url characters: 256 bits, at least the 128 the design asks', () => {
    const token = newShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isShareTokenFormat(token)).toBe(true);
  });

  it('never repeat across many', () => {
    const tokens = Array.from({ length: 10_000 }, newShareToken);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('spread their bits evenly (no fixed or biased bytes)', () => {
    // Over 4,096 tokens each bit position is set about half the time; a stuck or biased bit is far out.
    const samples = 4096;
    const ones = new Array<number>(256).fill(0);
    for (let i = 0; i < samples; i += 1) {
      const bytes = Buffer.from(newShareToken(), 'base64url');
      for (let bit = 0; bit < 256; bit += 1) ones[bit] += (bytes[bit >> 3] >> (bit & 7)) & 1;
    }
    // 6 standard deviations (sqrt(4096 / 4) = 32) either side of 2,048.
    expect(Math.min(...ones)).toBeGreaterThan(2048 - 192);
    expect(Math.max(...ones)).toBeLessThan(2048 + 192);
  });

  it('are stored as their SHA-256 in hex, which does not contain the token', () => {
    const token = newShareToken();
    const hash = hashShareToken(token);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });

  it.each([undefined, 42, '', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}+`, `${'a'.repeat(42)}=`])(
    'refuses %j as a token',
    (value) => {
      expect(isShareTokenFormat(value)).toBe(false);
    },
  );
});
