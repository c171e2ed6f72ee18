// rtpengine's ng control protocol (a bencoded dictionary over UDP, behind a cookie), for what Kamailio's module
// cannot do: the relay's answer to a caller's offer for an announcement, made while the INVITE is still unanswered.
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';

type Bencoded = string | number | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): string {
  if (typeof value === 'number') return `i${Math.trunc(value)}e`;
  if (typeof value === 'string') return `${Buffer.byteLength(value)}:${value}`;
  if (Array.isArray(value)) return `l${value.map(bencode).join('')}e`;
  const keys = Object.keys(value).sort();
  return `d${keys.map((k) => bencode(k) + bencode(value[k] as Bencoded)).join('')}e`;
}

/** Decodes one bencoded value from `buf` at `at`; returns it and where it ends. */
export function bdecode(buf: Buffer, at = 0): [Bencoded, number] {
  const c = String.fromCharCode(buf[at] ?? 0);
  if (c === 'i') {
    const end = buf.indexOf(0x65, at);
    return [Number(buf.subarray(at + 1, end).toString()), end + 1];
  }
  if (c === 'l' || c === 'd') {
    const items: Bencoded[] = [];
    let pos = at + 1;
    while (buf[pos] !== 0x65) {
      if (pos >= buf.length) throw new Error('bencode: unterminated list or dictionary');
      const [item, next] = bdecode(buf, pos);
      items.push(item);
      pos = next;
    }
    if (c === 'l') return [items, pos + 1];
    const dict: Record<string, Bencoded> = {};
    for (let i = 0; i + 1 < items.length; i += 2) dict[String(items[i])] = items[i + 1] as Bencoded;
    return [dict, pos + 1];
  }
  const colon = buf.indexOf(0x3a, at);
  const length = Number(buf.subarray(at, colon).toString());
  if (colon < 0 || !Number.isInteger(length)) throw new Error('bencode: malformed string');
  return [buf.subarray(colon + 1, colon + 1 + length).toString(), colon + 1 + length];
}

export interface NgReply {
  result: string;
  'error-reason'?: string;
  sdp?: string;
  [key: string]: Bencoded | undefined;
}

export class RtpengineNg {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = 1000,
  ) {}

  /** Sends one command; resolves with rtpengine's reply, rejects on no reply in time or a malformed one. */
  command(command: string, args: Record<string, Bencoded>): Promise<NgReply> {
    const cookie = randomUUID();
    const message = Buffer.from(`${cookie} ${bencode({ ...args, command })}`);
    const socket = createSocket('udp4');
    return new Promise<NgReply>((ok, fail) => {
      const done = (err: Error | null, reply?: NgReply) => {
        clearTimeout(timer);
        socket.close();
        if (err) fail(err);
        else ok(reply as NgReply);
      };
      const timer = setTimeout(
        () => done(new Error(`rtpengine did not answer ${command} on ${this.host}:${this.port}`)),
        this.timeoutMs,
      );
      socket.on('error', (err) => done(err));
      socket.on('message', (reply) => {
        const space = reply.indexOf(0x20);
        if (space < 0 || reply.subarray(0, space).toString() !== cookie) return;
        try {
          const [value] = bdecode(reply, space + 1);
          if (typeof value !== 'object' || Array.isArray(value) || typeof value.result !== 'string')
            throw new Error(`rtpengine's reply to ${command} is not a dictionary with a result`);
          done(null, value as NgReply);
        } catch (err) {
          done(err as Error);
        }
      });
      socket.send(message, this.port, this.host);
    });
  }
}

/** The announcement's side of the call: a peer that only sends (no phone answered yet, so no real To-tag). */
export const ANNOUNCE_TAG = 'e112-announce';
const ANNOUNCE_PEER_SDP =
  'v=0\r\no=e112 1 1 IN IP4 127.0.0.1\r\ns=announcement\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n' +
  'm=audio 9 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendonly\r\n';

/**
 * The relay's answer to the caller's offer (made by Kamailio, route[ANNOUNCE_NOW]) for the announcement peer;
 * resolves with the SDP the caller gets in the 183 (rtpengine's address for the caller's media).
 */
export async function answerForAnnouncement(
  ng: RtpengineNg,
  callId: string,
  fromTag: string,
): Promise<string> {
  const reply = await ng.command('answer', {
    'call-id': callId,
    'from-tag': fromTag,
    'to-tag': ANNOUNCE_TAG,
    sdp: ANNOUNCE_PEER_SDP,
    replace: ['origin', 'session-connection'],
    'transport-protocol': 'RTP/AVP',
    ICE: 'remove',
    'rtcp-mux': ['demux'],
    DTLS: 'off',
    SDES: ['off'],
  });
  if (reply.result !== 'ok' || typeof reply.sdp !== 'string')
    throw new Error(`rtpengine refused the announcement's answer: ${reply['error-reason'] ?? reply.result}`);
  return reply.sdp;
}
