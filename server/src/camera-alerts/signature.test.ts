import { describe, expect, it } from 'vitest';
import { signAnalytics, signatureMatches } from './signature.ts';

describe('analytics signatures', () => {
  const body = Buffer.from('{"cameraCode":"CAM-0001","kind":"accident","at":"2026-01-01T00:00:00Z"}');

  it('accepts the signature of the exact body and time, and nothing else', () => {
    const sig = signAnalytics('s3cret', 1_800_000_000, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureMatches('s3cret', 1_800_000_000, body, sig)).toBe(true);
    expect(signatureMatches('other', 1_800_000_000, body, sig)).toBe(false);
    expect(signatureMatches('s3cret', 1_800_000_001, body, sig)).toBe(false);
    expect(signatureMatches('s3cret', 1_800_000_000, Buffer.concat([body, Buffer.from(' ')]), sig)).toBe(
      false,
    );
    expect(signatureMatches('s3cret', 1_800_000_000, body, sig.slice(0, -1))).toBe(false);
    expect(signatureMatches('s3cret', 1_800_000_000, body, '')).toBe(false);
  });
});
