// Datagrams the kernel dropped because a UDP socket's receive buffer was full (/proc/net/udp, "drops"): where SIP
// messages go when Kamailio's workers cannot read its socket as fast as callers send.
import { readFileSync } from 'node:fs';

/** Drops of every UDP socket bound to 127.0.0.1:`port` (0 when none is). */
export function udpDrops(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1] === local)
    .reduce((sum, fields) => sum + Number(fields.at(-1)), 0);
}
