import { describe, expect, it } from 'vitest';
import { toE164 } from '@hcm112/shared';
import { callerIdentity, trustedTrunks, uriNumber } from './caller-identity.ts';

const trunks = trustedTrunks('192.0.2.10, 198.51.100.0/24,2001:db8::/32');
const headers = (more: Partial<Parameters<typeof callerIdentity>[0]>) => ({
  from: '<sip:anonymous@anonymous.invalid>;tag=1',
  pai: '',
  privacy: '',
  source: '192.0.2.10',
  caller: '',
  ...more,
});

describe('caller identity', () => {
  it('takes the P-Asserted-Identity of a trusted trunk and keeps the privacy flag beside it', () => {
    const identity = callerIdentity(
      headers({ pai: '<sip:+84905550001@carrier.example;user=phone>', privacy: 'id' }),
      trunks,
    );
    expect(identity).toEqual({ number: '+84905550001', source: 'network-asserted', privacy: true });
  });

  it('believes a PAI from a trunk inside a CIDR, and prefers its tel URI to a name', () => {
    const identity = callerIdentity(
      headers({ pai: '"Carrier" <sip:user@carrier.example>, <tel:0905-550-002>', source: '198.51.100.7' }),
      trunks,
    );
    expect(identity).toEqual({ number: '+84905550002', source: 'network-asserted', privacy: true });
  });

  it('ignores a PAI from anywhere else (it could be forged) and uses From', () => {
    const identity = callerIdentity(
      headers({
        from: '<sip:0907000301@10.0.0.5>;tag=x',
        pai: '<sip:+84900000000@evil>',
        source: '10.0.0.5',
      }),
      trunks,
    );
    expect(identity).toEqual({ number: '+84907000301', source: 'untrusted', privacy: false });
  });

  it('records an anonymous untrusted caller as withheld, with privacy set', () => {
    expect(callerIdentity(headers({ source: '10.0.0.5', privacy: 'id;critical' }), trunks)).toEqual({
      number: '',
      source: 'untrusted',
      privacy: true,
    });
  });

  it('falls back to the From user part of an event that carries no From URI', () => {
    expect(
      callerIdentity(headers({ from: '', caller: '0901234567', source: '10.0.0.5' }), trunks).number,
    ).toBe('+84901234567');
  });

  it('normalises international and Vietnamese national forms to E.164', () => {
    expect(toE164('0905550001')).toBe('+84905550001');
    expect(toE164('+84 90 555 0001')).toBe('+84905550001');
    expect(toE164('0084905550001')).toBe('+84905550001');
    expect(toE164('84905550001')).toBe('+84905550001');
    expect(toE164('02838221234')).toBe('+842838221234');
    expect(toE164('+33142685300')).toBe('+33142685300');
    expect(toE164('112')).toBeNull();
    expect(toE164('anonymous')).toBeNull();
  });

  it('reads the number of sip:, sips: and tel: URIs with parameters', () => {
    expect(uriNumber('<tel:+84905550001;phone-context=x>')).toBe('+84905550001');
    expect(uriNumber('"A" <sips:0905550001;npdi@carrier.example;user=phone>')).toBe('0905550001');
    expect(uriNumber('sip:%2B84905550001@c')).toBe('+84905550001');
    expect(uriNumber('mailto:x@y')).toBe('');
  });

  it('refuses a trusted-trunk list it cannot read, naming the entry', () => {
    expect(() => trustedTrunks('192.0.2.1,carrier.example')).toThrow(/carrier.example/);
    expect(() => trustedTrunks('192.0.2.0/33')).toThrow(/192.0.2.0\/33/);
  });
});
