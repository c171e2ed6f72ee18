// Datagrams the kernel dropped because a UDP socket's receive buffer was full (/proc/net/udp, "drops"): where SIP
// messages go when Kamailio's workers cannot read its socket as fast as callers send.
import { readFileSync } from 'node:fs';

/** Drops of every UDP socket bound to 127.0.0.1:`port` (0 when none is). */
function udpDrops(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1] === local)
    .reduce((sum, fields) => sum + Number(fields.at(-1)), 0);
}

/** Starts counting at Kamailio's SIP address `target` (ip:port); the result says how many were dropped since. */
export function countSipDrops(target: string): () => string {
  const port = Number(target.split(':')[1]);
  const before = udpDrops(port);
  return () => `SIP datagrams dropped at Kamailio's full socket: ${udpDrops(port) - before}`;
}
