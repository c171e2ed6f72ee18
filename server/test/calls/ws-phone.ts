// A stand-in for the browser softphone (SIPp cannot speak SIP over WebSocket): opens ws:// with the "sip"
// subprotocol (RFC 7118) and an Origin, registers an extension answering Kamailio's digest challenge, answers
// one INVITE and the BYE that ends it.
import { createHash, randomBytes } from 'node:crypto';
import { type DigestCredentials, ephemeralCredentials } from '@hcm112/telephony/testing';
import WebSocket from 'ws';

export interface WsEdge {
  wsPort: number;
  sipSecret: string;
  wsOrigins: string[];
}

export interface WsPhoneOptions {
  /** Default: short-lived credentials of the extension, as the server issues the console's; null: none. */
  credentials?: DigestCredentials | null;
  /** Default: the first Origin the edge accepts. */
  origin?: string;
  /** WebSocket over TLS: the edge's wss port and the certificate (PEM) to trust for it. */
  tls?: { port: number; ca: string };
}

export interface WsPhone {
  /** The final answer to the REGISTER (after the challenge): 200, or 401/403 when refused. */
  registered: Promise<number>;
  /** Resolves with the request line of each SIP request the phone received, once the call ended. */
  done: Promise<string[]>;
  /** Every SIP request the phone received so far (request lines). */
  seen: string[];
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

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** RFC 2617 digest answer (qop=auth) to a WWW-Authenticate challenge. */
function authorization(challenge: string, credentials: DigestCredentials, uri: string): string {
  const param = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
  const realm = param('realm');
  const nonce = param('nonce');
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return (
    `Authorization: Digest username="${credentials.username}", realm="${realm}", nonce="${nonce}", ` +
    `uri="${uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", nc=${nc}, qop=auth`
  );
}

export function startWsPhone(edge: WsEdge, extension: string, options: WsPhoneOptions = {}): WsPhone {
  const credentials: DigestCredentials | null =
    options.credentials === undefined ? ephemeralCredentials(edge.sipSecret, extension) : options.credentials;
  const url = options.tls ? `wss://127.0.0.1:${options.tls.port}` : `ws://127.0.0.1:${edge.wsPort}`;
  const ws = new WebSocket(url, 'sip', {
    origin: options.origin ?? edge.wsOrigins[0],
    ...(options.tls && { ca: options.tls.ca }),
  });
  const via = options.tls ? 'WSS' : 'WS';
  // Each phone its own contact, as each browser tab of JsSIP has.
  const contact = `Contact: <sip:${randomBytes(4).toString('hex')}@${extension}.invalid;transport=ws>`;
  const callId = `wsreg-${extension}-${randomBytes(6).toString('hex')}`;
  const uri = 'sip:127.0.0.1';
  const seen: string[] = [];
  let onRegistered: (status: number) => void = () => {};
  let onDone: (requests: string[]) => void = () => {};
  const registered = new Promise<number>((ok) => {
    onRegistered = ok;
  });
  const done = new Promise<string[]>((ok) => {
    onDone = ok;
  });
  const sendRegister = (cseq: number, auth?: string) => {
    const register = [
      `REGISTER ${uri} SIP/2.0`,
      `Via: SIP/2.0/${via} ${extension}.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      `From: <sip:${extension}@127.0.0.1>;tag=reg${extension}`,
      `To: <sip:${extension}@127.0.0.1>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      contact,
      ...(auth ? [auth] : []),
      'Expires: 600',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ];
    ws.send(`${register.join('\r\n')}\r\n\r\n`);
  };
  ws.on('open', () => sendRegister(1));
  // A refused handshake (403 for a foreign Origin) never registers.
  ws.on('unexpected-response', (_req, res) => onRegistered(res.statusCode ?? 0));
  ws.on('error', () => onRegistered(0));
  ws.on('message', (data) => {
    const msg = data.toString();
    const first = msg.split('\r\n')[0] ?? '';
    const cseq = lines(msg, 'CSeq')[0] ?? '';
    if (first.startsWith('SIP/2.0') && cseq.endsWith('REGISTER')) {
      const status = Number(first.split(' ')[1]);
      const challenge = lines(msg, 'WWW-Authenticate')[0];
      if (status === 401 && challenge && credentials && cseq.includes(' 1 '))
        sendRegister(2, authorization(challenge, credentials, uri));
      else onRegistered(status);
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
  return { registered, done, seen, close: () => ws.close() };
}
