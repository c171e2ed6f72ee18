// The kernel hands out ports in its ephemeral range to any socket that binds port 0 (outgoing connections, a
// process's helper sockets): a fixed port block inside it can find a port already taken. This says whether a
// block of the restreams' UDP ports overlaps that range, so the server can warn at start.
import { readFileSync } from 'node:fs';

export interface PortRange {
  min: number;
  max: number;
}

/** The kernel's ephemeral port range (Linux), or null where it cannot be read. */
export function ephemeralPortRange(path = '/proc/sys/net/ipv4/ip_local_port_range'): PortRange | null {
  try {
    const [min, max] = readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(min) && Number.isInteger(max) ? { min: min as number, max: max as number } : null;
  } catch {
    return null;
  }
}

/** The part of `block` inside `ephemeral`, or null when they do not overlap. */
export function overlap(block: PortRange, ephemeral: PortRange): PortRange | null {
  const min = Math.max(block.min, ephemeral.min);
  const max = Math.min(block.max, ephemeral.max);
  return min <= max ? { min, max } : null;
}
