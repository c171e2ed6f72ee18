// rtpengine's ng control protocol (bencoded dictionaries over UDP behind a cookie): the publish and subscribe
// commands the caller's video goes through (one publisher, any number of consoles watching).
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

type Value = string | number | Value[] | { [key: string]: Value };

function encode(v: Value): string {
  if (typeof v === 'number') return `i${Math.trunc(v)}e`;
  if (typeof v === 'string') return `${Buffer.byteLength(v)}:${v}`;
  if (Array.isArray(v)) return `l${v.map(encode).join('')}e`;
  const keys = Object.keys(v).sort();
  return `d${keys.map((k) => encode(k) + encode(v[k] as Value)).join('')}e`;
}

/** Decodes one bencoded value of `buf` from `at`; strings as UTF-8. */
function decode(buf: Buffer, at = 0): [Value, number] {
  const c = String.fromCharCode(buf[at] as number);
  if (c === 'i') {
    const end = buf.indexOf(0x65, at);
    return [Number(buf.toString('latin1', at + 1, end)), end + 1];
  }
  if (c === 'l' || c === 'd') {
    const items: Value[] = [];
    let i = at + 1;
    while (buf[i] !== 0x65) {
      const [item, next] = decode(buf, i);
      items.push(item);
      i = next;
    }
    if (c === 'l') return [items, i + 1];
    const dict: Record<string, Value> = {};
    for (let k = 0; k < items.length; k += 2) dict[String(items[k])] = items[k + 1] as Value;
    return [dict, i + 1];
  }
  const colon = buf.indexOf(0x3a, at);
  const len = Number(buf.toString('latin1', at, colon));
  return [buf.toString('utf8', colon + 1, colon + 1 + len), colon + 1 + len];
}

export class RtpengineError extends Error {}

/** Sends one ng command to `host:port` and resolves with rtpengine's answer; a result other than ok throws. */
export function ngCommand(
  address: { host: string; port: number },
  command: string,
  args: Record<string, Value>,
  timeoutMs = 2000,
): Promise<Record<string, Value>> {
  const cookie = randomBytes(8).toString('hex');
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new RtpengineError(`rtpengine did not answer ${command}`));
    }, timeoutMs);
    socket.on('message', (reply) => {
      const space = reply.indexOf(0x20);
      if (reply.toString('latin1', 0, space) !== cookie) return;
      clearTimeout(timer);
      socket.close();
      const [answer] = decode(reply, space + 1);
      const dict = answer as Record<string, Value>;
      if (dict.result === 'ok') resolve(dict);
      else reject(new RtpengineError(`rtpengine ${command}: ${String(dict['error-reason'] ?? dict.result)}`));
    });
    socket.send(`${cookie} ${encode({ command, ...args })}`, address.port, address.host);
  });
}
