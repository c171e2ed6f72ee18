// A controller that only listens: it authenticates on Kamailio's evapi, asks for the sync and counts the arrivals,
// routing nothing. Kamailio then runs its whole script for each call (queued, rung back, suspended, released on
// CANCEL) with no cost behind it: the bare-Kamailio baseline of the telephony benchmark.
import { Socket } from 'node:net';
import { encodeNetstring, NetstringDecoder } from '../src/netstring.ts';
import type { Kamailio } from './kamailio.ts';
import { waitFor } from './wait-for.ts';

export interface TrivialController {
  /** Arrival events Kamailio sent so far. */
  arrivals(): number;
  stop(): void;
}

export async function startTrivialController(kamailio: Kamailio): Promise<TrivialController> {
  const socket = new Socket();
  const decoder = new NetstringDecoder();
  let arrivals = 0;
  let synced = false;
  socket.setNoDelay(true);
  socket.on('data', (chunk) => {
    // As call control does: an immediate answer carries the ACK, so Kamailio's next small write is not held back.
    socket.write('\n');
    for (const frame of decoder.push(chunk)) {
      const event = (JSON.parse(frame) as { event?: string }).event;
      if (event === 'arrived') arrivals += 1;
      else if (event === 'sync-done') synced = true;
    }
  });
  socket.on('error', () => socket.destroy());
  await new Promise<void>((connected, failed) => {
    socket.once('error', failed);
    socket.connect(kamailio.evapiPort, '127.0.0.1', connected);
  });
  socket.write(encodeNetstring(JSON.stringify({ cmd: 'auth', secret: kamailio.evapiSecret })));
  socket.write(encodeNetstring(JSON.stringify({ cmd: 'sync' })));
  await waitFor(async () => (synced ? true : undefined), 'Kamailio to sync with the trivial controller');
  return { arrivals: () => arrivals, stop: () => socket.destroy() };
}
