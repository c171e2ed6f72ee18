// The SIP edge listens where SIP_ADDRESS says (a carrier trunk and desk phones reach it there), and nowhere else:
// a second loopback address stands in for the centre's network interface.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kamailio, startKamailio } from '../testing/index.ts';

const EDGE = '127.0.0.2';
let kamailio: Kamailio;

beforeAll(async () => {
  kamailio = await startKamailio({ SIP_ADDRESS: EDGE }, { media: false });
});

afterAll(() => kamailio?.stop());

/** Sends one OPTIONS over UDP to `host` and resolves with the status line, or null after `ms` of silence. */
function options(host: string, port: number, ms = 2000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (answer: string | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(null), ms);
    socket.on('message', (msg) => done(msg.toString().split('\r\n')[0] ?? ''));
    socket.on('error', () => done(null));
    socket.bind(0, '127.0.0.1', () => {
      const { port: local } = socket.address();
      const request = [
        `OPTIONS sip:${host}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-${Date.now()}`,
        'Max-Forwards: 70',
        `From: <sip:probe@127.0.0.1>;tag=probe`,
        `To: <sip:${host}>`,
        `Call-ID: address-probe-${Date.now()}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, host);
    });
  });
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('the SIP listen address', () => {
  it('answers SIP on SIP_ADDRESS', async () => {
    expect(await options(EDGE, kamailio.sipPort)).toBe('SIP/2.0 200 OK');
    expect(await tcpOpen(EDGE, kamailio.sipPort)).toBe(true);
    expect(await tcpOpen(EDGE, kamailio.wsPort)).toBe(true);
  });

  it('does not listen on other addresses', async () => {
    expect(await options('127.0.0.1', kamailio.sipPort, 1000)).toBeNull();
    expect(await tcpOpen('127.0.0.1', kamailio.sipPort)).toBe(false);
    expect(await tcpOpen('127.0.0.1', kamailio.wsPort)).toBe(false);
  });
});
