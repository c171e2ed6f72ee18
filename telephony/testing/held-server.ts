// A carrier's location server for tests: HTTPS with its own self-signed certificate (the CA file a test gives call
// control as HELD_CA_FILE), answering HELD locationRequests (RFC 5985) with a PIDF-LO; or hanging, or answering
// garbage, as a broken one does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type HeldBehaviour = { pidf: string } | 'hang' | 'garbage';

export interface HeldServer {
  /** https://127.0.0.1:<port>: the origin for HELD_SERVERS. */
  origin: string;
  /** PEM of the server's self-signed certificate: HELD_CA_FILE. */
  caFile: string;
  /** locationRequests received, by path. */
  requests: string[];
  /** What the server does for a path (default: hang). */
  answer(path: string, behaviour: HeldBehaviour): void;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 made with openssl, in a fresh folder. */
function selfSigned(dir: string): { key: string; cert: string; caFile: string } {
  const key = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      caFile,
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(caFile, 'utf8'), caFile };
}

/** The locationResponse of RFC 5985 carrying `pidf`. */
export function locationResponse(pidf: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<locationResponse xmlns="urn:ietf:params:xml:ns:geopriv:held">${pidf.replace(/^<\?xml[^>]*>/, '')}</locationResponse>`;
}

export async function startHeldServer(): Promise<HeldServer> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-held-'));
  const { key, cert, caFile } = selfSigned(dir);
  const behaviours = new Map<string, HeldBehaviour>();
  const requests: string[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method !== 'POST' || !body.includes('locationRequest')) {
        res.writeHead(400).end();
        return;
      }
      requests.push(path);
      const behaviour = behaviours.get(path) ?? 'hang';
      if (behaviour === 'hang') return;
      if (behaviour === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/held+xml' }).end('<<<not xml at all');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/held+xml' }).end(locationResponse(behaviour.pidf));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    caFile,
    requests,
    answer: (path, behaviour) => behaviours.set(path, behaviour),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
