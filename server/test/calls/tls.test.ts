// SIP over TLS and WebSocket over TLS, with a self-signed certificate the test makes (openssl) and trusts: the
// edge presents it, a 112 call over TLS reaches the queue and is recorded, a console's REGISTER over wss with its
// short-lived credentials is accepted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { waitFor } from '@hcm112/telephony/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';
import { startWsPhone } from './ws-phone.ts';

const certDir = mkdtempSync(join(tmpdir(), 'e112-tls-'));
const certFile = join(certDir, 'cert.pem');
const keyFile = join(certDir, 'key.pem');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ],
  { stdio: 'ignore' },
);
const ca = readFileSync(certFile, 'utf8');

const stack = withCallStack({ kamailio: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } });

afterAll(() => rmSync(certDir, { recursive: true, force: true }));

/** A TLS connection to the edge's SIP over TLS port that trusts only the test's certificate. */
async function sipOverTls(): Promise<{ socket: TLSSocket; received: string[] }> {
  const received: string[] = [];
  const socket = connect({ host: '127.0.0.1', port: stack.kamailio.tlsPort, ca, servername: undefined });
  socket.on('data', (d: Buffer) => received.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  return { socket, received };
}

function request(method: 'INVITE' | 'CANCEL', caller: string, callId: string, port: number): string {
  const sdp =
    'v=0\r\no=c 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n';
  const body = method === 'INVITE' ? sdp : '';
  return [
    `${method} sip:112@127.0.0.1:${stack.kamailio.tlsPort};transport=tls SIP/2.0`,
    `Via: SIP/2.0/TLS 127.0.0.1:${port};branch=z9hG4bK-tls-${callId}`,
    'Max-Forwards: 70',
    `From: <sip:${caller}@127.0.0.1>;tag=tls1`,
    'To: <sip:112@127.0.0.1>',
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    ...(method === 'INVITE'
      ? [`Contact: <sip:${caller}@127.0.0.1:${port};transport=tls>`, 'Content-Type: application/sdp']
      : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

describe('SIP over TLS', () => {
  it('presents the configured certificate and queues a 112 call that came over TLS', async () => {
    const { socket, received } = await sipOverTls();
    try {
      expect(socket.authorized).toBe(true);
      const callId = `tls-call-${Date.now()}`;
      socket.write(request('INVITE', '0947000001', callId, socket.localPort ?? 0));
      await waitFor(
        async () => received.join('').includes('SIP/2.0 180 Ringing') || undefined,
        'a 180 over TLS',
      );
      const call = await recordedCall(stack.tdb, '0947000001', 'queued');
      expect(call.dialedNumber).toBe('112');
      socket.write(request('CANCEL', '0947000001', callId, socket.localPort ?? 0));
      await recordedCall(stack.tdb, '0947000001', 'abandoned');
    } finally {
      socket.destroy();
    }
  });
});

describe('WebSocket over TLS', () => {
  it("registers a console's softphone over wss with its short-lived credentials", async () => {
    const phone = startWsPhone(stack.kamailio, '7201', { tls: { port: stack.kamailio.wssPort, ca } });
    try {
      expect(await phone.registered).toBe(200);
    } finally {
      phone.close();
    }
  });

  it('refuses a REGISTER over wss without credentials (401 challenge only)', async () => {
    const phone = startWsPhone(stack.kamailio, '7202', {
      credentials: null,
      tls: { port: stack.kamailio.wssPort, ca },
    });
    try {
      expect(await phone.registered).toBe(401);
    } finally {
      phone.close();
    }
  });
});
