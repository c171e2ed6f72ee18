// One free loopback port for anything a test starts (Kamailio, SIPp phones, servers, camera sources), so
// parallel test files never collide on a fixed number.
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
