// A stand-in for the browser softphone (SIPp cannot speak SIP over WebSocket): registers an extension over
// ws:// with the "sip" subprotocol (RFC 7118), answers one INVITE and the BYE that ends it.
import WebSocket from 'ws';

export interface WsPhone {
  registered: Promise<number>;
  /** Resolves with the request line of each SIP request the phone received, once the call ended. */
  done: Promise<string[]>;
  close(): void;
}

const lines = (msg: string, name: string) =>
  msg.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));

function reply(request: string, status: string, extra: string[] = [], body = ''): string {
  const head = [
    `SIP/2.0 ${status}`,
    ...lines(request, 'Via'),
    ...lines(request, 'Record-Route'),
    ...lines(request, 'From'),
    ...lines(request, 'To').map((to) => (/;tag=/.test(to) ? to : `${to};tag=wsphone`)),
    ...lines(request, 'Call-ID'),
    ...lines(request, 'CSeq'),
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

export function startWsPhone(wsPort: number, extension: string): WsPhone {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}`, 'sip');
  const contact = `Contact: <sip:${extension}@${extension}.invalid;transport=ws>`;
  const seen: string[] = [];
  let onRegistered: (status: number) => void = () => {};
  let onDone: (requests: string[]) => void = () => {};
  const registered = new Promise<number>((ok) => {
    onRegistered = ok;
  });
  const done = new Promise<string[]>((ok) => {
    onDone = ok;
  });
  ws.on('open', () => {
    const register = [
      'REGISTER sip:127.0.0.1 SIP/2.0',
      `Via: SIP/2.0/WS ${extension}.invalid;branch=z9hG4bK${Date.now()}`,
      `From: <sip:${extension}@127.0.0.1>;tag=reg${extension}`,
      `To: <sip:${extension}@127.0.0.1>`,
      `Call-ID: wsreg-${extension}-${Date.now()}`,
      'CSeq: 1 REGISTER',
      contact,
      'Expires: 600',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ];
    ws.send(`${register.join('\r\n')}\r\n\r\n`);
  });
  ws.on('message', (data) => {
    const msg = data.toString();
    const first = msg.split('\r\n')[0] ?? '';
    if (first.startsWith('SIP/2.0') && lines(msg, 'CSeq')[0]?.endsWith('REGISTER')) {
      onRegistered(Number(first.split(' ')[1]));
      return;
    }
    if (first.startsWith('SIP/2.0')) return;
    seen.push(first);
    if (first.startsWith('INVITE')) {
      ws.send(reply(msg, '180 Ringing', [contact]));
      const sdp =
        'v=0\r\no=ws 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n';
      ws.send(reply(msg, '200 OK', [contact, 'Content-Type: application/sdp'], sdp));
    } else if (first.startsWith('BYE')) {
      ws.send(reply(msg, '200 OK'));
      onDone(seen);
    }
  });
  return { registered, done, close: () => ws.close() };
}
