// One free loopback port for anything a test starts (Kamailio, SIPp phones, servers, camera sources), so
// parallel test files never collide on a fixed number.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A port free for TCP now (UDP on the same number is free in practice on loopback). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Whether UDP `port` can be bound on loopback now. */
export function udpBindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/**
 * An even port for a SIPp peer's media (`-mp`): SIPp binds audio RTP and RTCP on it and the next port, and video on
 * the two after, and exits when any of the four is taken, so all four must be free.
 */
export async function freeMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const base = (await freePort()) & ~1;
    if (base + 3 > 65_535) continue;
    const free = await Promise.all([0, 1, 2, 3].map((i) => udpBindable(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no four consecutive free UDP ports on loopback for SIPp media');
}
