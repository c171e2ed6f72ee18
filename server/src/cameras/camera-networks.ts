// Where camera URLs may point: only into the configured camera networks (CAMERA_NETWORKS). Without it a camera
// URL (or a redirect, or a DNS name) could make the server fetch its own admin ports, the cloud metadata
// address or any internal service for whoever can view the camera. Names are checked by what they resolve to,
// at save time and again at every connection (the answer may change in between).
import { lookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as lookupCallback } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

export class CameraHostRefused extends Error {}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class CameraNetworks {
  private readonly cidrs: Cidr[];
  private agent?: Agent;

  constructor(networks: readonly string[]) {
    this.cidrs = networks.map((n) => ipaddr.parseCIDR(n));
  }

  /** Whether one IP address lies in a camera network (IPv4-mapped IPv6 counts as its IPv4). */
  contains(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
      ip = (ip as ipaddr.IPv6).toIPv4Address();
    return this.cidrs.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }

  /** Resolves the URL's host and throws unless every address it names is a camera network's. */
  async assertUrl(url: string): Promise<void> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let addresses: LookupAddress[];
    try {
      addresses = await lookup(host, { all: true });
    } catch {
      throw new CameraHostRefused(`camera host ${host} does not resolve`);
    }
    const outside = addresses.find((a) => !this.contains(a.address));
    if (!addresses.length || outside)
      throw new CameraHostRefused(`camera host ${host} is outside the camera networks`);
  }

  /** An HTTP agent that connects only to camera-network addresses, whatever DNS answers at connect time. */
  httpAgent(): Agent {
    this.agent ??= new Agent({
      connect: {
        lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) =>
          lookupCallback(hostname, { ...options, all: true }, (err, addresses) => {
            if (err) return callback(err, []);
            const list = addresses as LookupAddress[];
            const outside = list.find((a) => !this.contains(a.address));
            if (!list.length || outside)
              return callback(
                new CameraHostRefused(`camera host ${hostname} is outside the camera networks`),
                [],
              );
            if (options.all) return callback(null, list);
            callback(null, list[0]!.address, list[0]!.family);
          }),
      },
    });
    return this.agent;
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
