// Where a test relay's RTP ports go: a block outside the kernel's ephemeral ports. rtpengine binds its ports one
// call at a time, so any socket the kernel numbers on its own (Kamailio's ng sockets, one per process, SIPp's
// media chosen by freePort, any other process's client socket) could take a port of a block inside that range;
// each such port costs rtpengine a pair, and a block sized for a benchmark's calls then refuses the last call's
// offer ("Ran out of ports"): Kamailio sends that call direct, past the relay and its recording.
import { readFileSync } from 'node:fs';
import { udpBindable } from './free-port.ts';

/** Ports per test relay: 4 per plain call, so 125 calls fit, a quarter more than the benchmarks' 100. */
export const RELAY_BLOCK = 500;
/** Below this: fixed ports of the tools (SIPp's 5060, 6000-6007 and 8888 up). */
const FIRST_PORT = 10_000;
/** From here: test baresip phones' RTP (testing/baresip.ts, 20000-29999); then the default relay's 30000-31999. */
const BARESIP_FIRST_PORT = 20_000;

export interface PortBlock {
  min: number;
  max: number;
}

/** The kernel's ephemeral ports (net.ipv4.ip_local_port_range), where it numbers sockets bound to no port. */
export function ephemeralPorts(): PortBlock {
  const [min, max] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  if (!min || !max) throw new Error('cannot read /proc/sys/net/ipv4/ip_local_port_range');
  return { min, max };
}

/** Every block a test relay may use: below the ephemeral ports and test phones' RTP, above the tools' ports. */
export function relayBlocks(ephemeral: PortBlock = ephemeralPorts()): PortBlock[] {
  const end = Math.min(BARESIP_FIRST_PORT, ephemeral.min);
  const blocks: PortBlock[] = [];
  for (let min = FIRST_PORT; min + RELAY_BLOCK <= end; min += RELAY_BLOCK) {
    blocks.push({ min, max: min + RELAY_BLOCK - 1 });
  }
  return blocks;
}

/**
 * A block for one test relay, chosen at random (parallel test files each start one) among those whose every
 * port can be bound on loopback now.
 */
export async function pickRelayBlock(random: () => number = Math.random): Promise<PortBlock> {
  const blocks = relayBlocks();
  if (blocks.length === 0) {
    throw new Error(
      `no room for a test relay's RTP ports below the ephemeral ports (${ephemeralPorts().min})`,
    );
  }
  for (let left = blocks.length; left > 0; left -= 1) {
    const [block] = blocks.splice(Math.floor(random() * left), 1);
    if (!block) break;
    const ports = Array.from({ length: RELAY_BLOCK }, (_, i) => block.min + i);
    const free = await Promise.all(ports.map(udpBindable));
    if (free.every(Boolean)) return block;
  }
  throw new Error(`every test relay block from ${FIRST_PORT} has a UDP port in use`);
}
