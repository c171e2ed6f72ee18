import { describe, expect, it } from 'vitest';
import { refusalEvent } from './acd-records.ts';
import { trustedTrunks } from './caller-identity.ts';
import { KamailioEvent } from './kamailio-events.ts';

const trunks = trustedTrunks('192.0.2.10');
const refused = (more: Record<string, unknown>) => {
  const e = KamailioEvent.parse({
    event: 'refused',
    callId: 'c1@trunk',
    caller: 'anonymous',
    dialed: '112',
    at: '1765000000.250000',
    reason: 'queue-full',
    source: '192.0.2.10',
    count: 1,
    seq: 1,
    ...more,
  });
  if (e.event !== 'refused') throw new Error('not a refusal');
  return e;
};

describe('a refused emergency INVITE on record', () => {
  it('carries the asserted number of a withheld caller from a trusted trunk, with its source and privacy', () => {
    const e = refused({
      from: '<sip:anonymous@anonymous.invalid>;tag=1',
      pai: '<tel:0905-550-010>',
      privacy: 'id',
    });
    expect(refusalEvent(e, trunks)).toMatchObject({
      callerNumber: '+84905550010',
      callerIdentity: 'network-asserted',
      callerPrivacy: true,
      reason: 'queue-full',
    });
  });

  it('does not believe an asserted number from elsewhere: the From number as sent, untrusted', () => {
    const e = refused({
      caller: '0905550011',
      from: '<sip:0905550011@198.51.100.1>;tag=1',
      pai: '<tel:+84905550099>',
      source: '198.51.100.1',
    });
    expect(refusalEvent(e, trunks)).toMatchObject({
      callerNumber: '+84905550011',
      callerIdentity: 'untrusted',
    });
  });

  it('reads an event kept by an older run without identity headers from its From user', () => {
    expect(refusalEvent(refused({ caller: '0905550012' }), trunks)).toMatchObject({
      callerNumber: '+84905550012',
      callerIdentity: 'untrusted',
      callerPrivacy: false,
    });
  });
});
