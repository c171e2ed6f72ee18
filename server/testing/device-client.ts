// A crew's device as a test or a benchmark sees it: pairs with a one-time code, calls the device API with its
// credential, and keeps every message of its /ws/device socket in order (waits bounded, never timing assertions).
import { DEVICE_SOCKET_PROTOCOL, DeviceMessage } from '@hcm112/shared';
import WebSocket from 'ws';

export interface TestDevice {
  credential: string;
  deviceId: string;
  /** A device API call with this device's credential. */
  fetch(path: string, json?: unknown): Promise<Response>;
}

export async function pairTestDevice(
  baseUrl: string,
  code: string,
  label = 'test phone',
): Promise<TestDevice> {
  const res = await fetch(`${baseUrl}/api/device/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, label }),
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  const { credential, device } = (await res.json()) as { credential: string; device: { id: string } };
  return deviceWith(baseUrl, credential, device.id);
}

export function deviceWith(baseUrl: string, credential: string, deviceId = ''): TestDevice {
  return {
    credential,
    deviceId,
    fetch(path, json) {
      const headers: Record<string, string> = { 'x-device-credential': credential };
      if (json !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${baseUrl}/api${path}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    },
  };
}

export interface DeviceSocket {
  ws: WebSocket;
  messages: DeviceMessage[];
  closedWith: Promise<number>;
  waitFor(predicate: (m: DeviceMessage) => boolean, what: string, ms?: number): Promise<DeviceMessage>;
  close(): Promise<void>;
}

export async function connectDeviceSocket(
  baseUrl: string,
  credential: string,
  onMessage?: (m: DeviceMessage) => void,
): Promise<DeviceSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/device`, [
    DEVICE_SOCKET_PROTOCOL,
    credential,
  ]);
  const messages: DeviceMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const m = DeviceMessage.parse(JSON.parse(data.toString()));
    messages.push(m);
    onMessage?.(m);
    for (const w of waiters) w();
  });
  ws.on('error', () => {});
  const closedWith = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
  });
  return {
    ws,
    messages,
    closedWith,
    waitFor(predicate, what, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`device socket: no ${what} within ${ms} ms`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closedWith;
    },
  };
}
