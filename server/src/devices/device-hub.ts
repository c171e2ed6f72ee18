// The crews' websocket at /ws/device: a paired device hears its own unit and its incident the moment they change
// (assignment, notes, recall), from the same Redis stream channels the consoles follow. Authenticated by the
// device credential, offered as the second websocket subprotocol (a browser cannot set headers on a websocket).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  DEVICE_REVOKED_CLOSE,
  DEVICE_SOCKET_PROTOCOL,
  type DeviceMessage,
  type EventEnvelope,
} from '@hcm112/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppContext } from '../context.ts';
import { originAllowed } from '../http/origin-guard.ts';
import { realtimeKeys } from '../realtime/publisher.ts';
import { logRedisOutages } from '../redis-health.ts';
import type { Lifecycle } from '../server.ts';
import { crewView, incidentForCrew } from './crew-view.ts';
import {
  authenticateDevice,
  type DeviceIdentity,
  DeviceRefused,
  deviceContactSeconds,
  revokedChannel,
  touchDevice,
} from './pairing.ts';

export const DEVICE_SOCKET_PATH = '/ws/device';
/** Expiry is checked this often for open sockets (revocation is pushed at once through Redis). */
const RECHECK_MS = 60_000;

interface DeviceSocket {
  ws: WebSocket;
  device: DeviceIdentity;
  credential: string;
  alive: boolean;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function credentialOf(req: IncomingMessage): string | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered[0] === DEVICE_SOCKET_PROTOCOL ? offered[1] : undefined;
}

export async function startDeviceHub(ctx: AppContext, http: Server): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'device-hub' });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (protocols) => (protocols.has(DEVICE_SOCKET_PROTOCOL) ? DEVICE_SOCKET_PROTOCOL : false),
  });
  const byUnit = new Map<string, Set<DeviceSocket>>();
  const send = (s: DeviceSocket, m: DeviceMessage) => s.ws.send(JSON.stringify(m));

  const subscriber = logRedisOutages(ctx.redis.duplicate(), log, 'device-subscriber');
  const unitsChannel = realtimeKeys(ctx.config.REDIS_PREFIX, 'units').channel;
  const incidentsChannel = realtimeKeys(ctx.config.REDIS_PREFIX, 'incidents').channel;
  const revoked = revokedChannel(ctx.config.REDIS_PREFIX);
  subscriber.on('message', (channel, raw) => {
    if (channel === revoked) {
      for (const set of byUnit.values())
        for (const s of set) if (s.device.deviceId === raw) s.ws.close(DEVICE_REVOKED_CLOSE, 'revoked');
      return;
    }
    // Cheap test first: most unit events are positions, which a device never needs back.
    if (byUnit.size === 0 || raw.includes('"type":"unit.position"')) return;
    const { event } = JSON.parse(raw) as EventEnvelope;
    if (event.type === 'unit.updated') {
      for (const s of byUnit.get(event.unit.id) ?? []) send(s, { type: 'unit', unit: event.unit });
    } else if (event.type === 'incident.created' || event.type === 'incident.updated') {
      let shown: DeviceMessage | undefined;
      for (const a of event.incident.assignments)
        for (const s of byUnit.get(a.unitId) ?? []) {
          shown ??= { type: 'incident', incident: incidentForCrew(ctx, event.incident) };
          send(s, shown);
        }
    }
  });
  await subscriber.subscribe(unitsChannel, incidentsChannel, revoked);

  const attach = async (ws: WebSocket, device: DeviceIdentity, credential: string) => {
    const s: DeviceSocket = { ws, device, credential, alive: true };
    const set = byUnit.get(device.unitId) ?? new Set();
    set.add(s);
    byUnit.set(device.unitId, set);
    ws.on('close', () => {
      set.delete(s);
      if (set.size === 0) byUnit.delete(device.unitId);
    });
    ws.on('pong', () => {
      s.alive = true;
      touchDevice(ctx, device.deviceId).catch((err: unknown) => log.warn({ err }, 'device not touched'));
    });
    ws.on('error', (err) => log.warn({ err, deviceId: device.deviceId }, 'device socket error'));
    // Subscribed before the snapshot is read: a change in between arrives live (the app keeps the newest).
    const view = await crewView(ctx, device);
    send(s, { type: 'unit', unit: view.unit });
    if (view.incident) send(s, { type: 'incident', incident: view.incident });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== DEVICE_SOCKET_PATH) return;
    if (req.headers.origin !== undefined && !originAllowed(req.headers, ctx.config.ALLOWED_ORIGINS))
      return refuse(socket, '403 Forbidden');
    const credential = credentialOf(req);
    authenticateDevice(ctx, credential).then(
      (device) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          attach(ws, device, credential!).catch((err: unknown) => {
            log.error({ err }, 'device socket setup failed');
            ws.close(1011, 'setup failed');
          });
        }),
      (err: unknown) => {
        if (err instanceof DeviceRefused) return refuse(socket, '401 Unauthorized');
        log.error({ err }, 'device authentication failed');
        refuse(socket, '503 Service Unavailable');
      },
    );
  };
  http.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const set of byUnit.values())
      for (const s of set) {
        // A device that did not answer the last ping is gone (out of coverage): its app reconnects.
        if (!s.alive) {
          s.ws.terminate();
          continue;
        }
        s.alive = false;
        s.ws.ping();
      }
  }, deviceContactSeconds(ctx).ping * 1000);
  const recheck = setInterval(() => {
    for (const set of byUnit.values())
      for (const s of set)
        authenticateDevice(ctx, s.credential).catch((err: unknown) => {
          if (err instanceof DeviceRefused) s.ws.close(DEVICE_REVOKED_CLOSE, err.reason);
        });
  }, RECHECK_MS);

  return {
    name: 'device hub',
    async stop() {
      clearInterval(heartbeat);
      clearInterval(recheck);
      http.off('upgrade', onUpgrade);
      for (const set of byUnit.values()) for (const s of set) s.ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      subscriber.disconnect();
    },
  };
}
