// Attacks on the call-control channel (Kamailio's evapi), with a raw TCP client on its port: without the
// secret it hears nothing of a call that arrives and is answered, and its commands are refused (the
// connection is closed) while the real call control keeps routing calls.
import { Socket } from 'node:net';
import { dial, startPhone } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack();

interface Intruder {
  received: () => string;
  closed: Promise<void>;
  send(command: Record<string, unknown>): void;
  destroy(): void;
}

async function intrude(): Promise<Intruder> {
  const socket = new Socket();
  let data = '';
  socket.on('data', (chunk) => {
    data += chunk.toString();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(stack.kamailio.evapiPort, '127.0.0.1', resolve);
  });
  return {
    received: () => data,
    closed,
    send(command) {
      const payload = JSON.stringify(command);
      socket.write(`${Buffer.byteLength(payload)}:${payload},`);
    },
    destroy: () => socket.destroy(),
  };
}

describe('evapi without the secret', () => {
  it('hears nothing while a call arrives and is answered', async () => {
    await callTaker(stack, '7101');
    const intruder = await intrude();
    try {
      const phone = await startPhone(stack.kamailio, '7101');
      await dial(stack.kamailio, '0944000901').ok();
      await phone.run.ok();
      await recordedCall(stack.tdb, '0944000901', 'ended');
      expect(intruder.received()).toBe('');
    } finally {
      intruder.destroy();
    }
  });

  it('is closed on its first command (sync, route, hangup), learning nothing, and calls are still routed', async () => {
    await callTaker(stack, '7102');
    for (const command of [
      { cmd: 'sync' },
      { cmd: 'route', tindex: 1, tlabel: 1, target: 'sip:6666@127.0.0.1:9', callId: 'x' },
      { cmd: 'hangup', callId: 'x', fromTag: 'a', toTag: 'b' },
    ]) {
      const intruder = await intrude();
      intruder.send(command);
      await intruder.closed;
      expect(intruder.received()).toBe('');
    }
    const phone = await startPhone(stack.kamailio, '7102');
    await dial(stack.kamailio, '0944000902').ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0944000902', 'ended')).answeredAt).not.toBeNull();
  });

  it('is closed when it sends a wrong secret, or none', async () => {
    for (const command of [{ cmd: 'auth', secret: 'x'.repeat(44) }, { cmd: 'auth' }]) {
      const intruder = await intrude();
      intruder.send(command);
      await intruder.closed;
      expect(intruder.received()).toBe('');
    }
  });
});

describe('evapi connections that never authenticate', () => {
  // Kamailio 5.6 cannot drop a connection that stays silent: each holds one of evapi's slots until it closes.
  // Evapi's own default is 8 slots; EVAPI_MAX_CLIENTS (64) keeps a handful of such connections from taking the one
  // call control needs. evapi also hands a freed slot to the next connection with its old tag: one of these takes
  // the killed call control's slot, tagged "controller" unless the routing script retags every new connection.
  it('taken while call control restarts: it still connects and routes, and they hear nothing (not even from its old slot)', async () => {
    // The slot call control held is free while it restarts: the silent connections race it for every slot.
    await stack.control?.kill();
    const idle = await Promise.all(Array.from({ length: 20 }, () => intrude()));
    try {
      // Resolves only once the new call control is connected, authenticated and in sync with Kamailio.
      await stack.startControl();
      await callTaker(stack, '7104');
      const phone = await startPhone(stack.kamailio, '7104');
      await dial(stack.kamailio, '0944000904').ok();
      await phone.run.ok();
      expect((await recordedCall(stack.tdb, '0944000904', 'ended')).answeredAt).not.toBeNull();
      for (const connection of idle) expect(connection.received()).toBe('');
    } finally {
      for (const connection of idle) connection.destroy();
    }
  });
});
