// The caller's number as the network gave it: P-Asserted-Identity when the INVITE came from a trusted trunk
// (RFC 3325: from anywhere else it could be forged), else From; normalised to E.164 (Vietnamese national
// forms too), with the caller's privacy request kept beside it (an emergency call overrides it).
import { BlockList, isIP } from 'node:net';
import { type CallerIdentitySource, toE164 } from '@hcm112/shared';

export interface CallerIdentity {
  number: string;
  source: CallerIdentitySource;
  privacy: boolean;
}

export interface IdentityHeaders {
  /** The From URI ($fu). */
  from: string;
  /** The first P-Asserted-Identity header, possibly several URIs (sip and tel) separated by commas. */
  pai: string;
  privacy: string;
  /** The address the INVITE came from ($si). */
  source: string;
  /** The From user part ($fU): what an event written before `from` was sent carries. */
  caller: string;
}

/** TRUSTED_TRUNKS: comma-separated IP addresses or CIDRs; throws naming the entry it cannot read. */
export function trustedTrunks(list: string): BlockList {
  const trusted = new BlockList();
  for (const entry of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`not an IP address or CIDR: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`bad prefix: ${entry}`);
      trusted.addSubnet(address, prefix, type);
    }
  }
  return trusted;
}

function isTrusted(trusted: BlockList, source: string): boolean {
  const family = isIP(source);
  return family !== 0 && trusted.check(source, family === 4 ? 'ipv4' : 'ipv6');
}

/** The user part of a sip:/sips:/tel: URI (name-addr or bare), without parameters; '' when none. */
export function uriNumber(uri: string): string {
  const inBrackets = /<([^>]*)>/.exec(uri);
  const bare = (inBrackets ? inBrackets[1] : uri)?.trim() ?? '';
  const tel = /^tel:([^;?]+)/i.exec(bare);
  if (tel) return decodeUser(tel[1] ?? '');
  const sip = /^sips?:([^@?]+)@/i.exec(bare);
  if (sip) return decodeUser(sip[1] ?? '');
  return '';
}

function decodeUser(user: string): string {
  try {
    return decodeURIComponent(user).split(';')[0] ?? '';
  } catch {
    return user;
  }
}

const ANONYMOUS = /^anonymous$/i;

/** Privacy: id, header or user ask for the identity to be withheld (RFC 3323, RFC 3325); none does not. */
function asksPrivacy(privacy: string, fromUser: string, fromUri: string): boolean {
  const values = privacy
    .toLowerCase()
    .split(/[;,]/)
    .map((v) => v.trim());
  return (
    values.some((v) => v === 'id' || v === 'header' || v === 'user') ||
    ANONYMOUS.test(fromUser) ||
    /@anonymous\.invalid/i.test(fromUri)
  );
}

/** The number to record and call back, where it came from, and whether the caller asked for privacy. */
export function callerIdentity(h: IdentityHeaders, trusted: BlockList): CallerIdentity {
  const fromUser = uriNumber(h.from) || h.caller;
  const privacy = asksPrivacy(h.privacy, fromUser, h.from);
  if (h.pai && isTrusted(trusted, h.source)) {
    const asserted = h.pai
      .split(',')
      .map(uriNumber)
      .filter(Boolean)
      .map((n) => toE164(n) ?? n);
    const number = asserted.find((n) => n.startsWith('+')) ?? asserted[0];
    if (number) return { number: number.slice(0, 64), source: 'network-asserted', privacy };
  }
  const number = ANONYMOUS.test(fromUser) ? '' : (toE164(fromUser) ?? fromUser);
  return { number: number.slice(0, 64), source: 'untrusted', privacy };
}
