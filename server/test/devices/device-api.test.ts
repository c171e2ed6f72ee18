// The crews' device API over HTTP and /ws/device: pairing with a one-time code, the assignment pushed to the
// device, acknowledgement (turnout time), status changes and positions with their own times, replays applied
// once, impossible reports refused, a destination only when transporting, the device's last contact kept for the
// console, and a revoked or expired device shut out.
import type {
  CrewRoute,
  CrewView,
  DeviceOverview,
  DeviceReportResult,
  Hospital,
  Incident,
  NearbyHospital,
  PairingCode,
  Unit,
} from '@hcm112/shared';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { answeredCall } from '../support/answered-call.ts';
import { connectDeviceSocket, pairTestDevice, type TestDevice } from '../../testing/device-client.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

// A short silent time: the server pings devices and writes their contact every 2.5 s (a quarter of it).
const stack = withServer({ city: true, env: { DEVICE_SILENT_SECONDS: '10' } });
let ct: Client;
let dsp: Client;

beforeAll(async () => {
  [ct, dsp] = await stack.loginEach('call-taker', 'dispatcher');
});

async function unitByCallsign(callsign: string): Promise<Unit> {
  const res = await dsp.fetch('/api/units');
  return ((await res.json()) as { units: Unit[] }).units.find((u) => u.callsign === callsign)!;
}

async function pairingCode(unitId: string, by = dsp): Promise<Response> {
  return by.fetch(`/api/units/${unitId}/pairing-codes`, { method: 'POST', json: {} });
}

async function pairedDevice(callsign: string): Promise<{ unit: Unit; device: TestDevice }> {
  const unit = await unitByCallsign(callsign);
  const { pairing } = (await (await pairingCode(unit.id)).json()) as { pairing: PairingCode };
  return { unit, device: await pairTestDevice(stack.server.url, pairing.code) };
}

async function openIncidentAt(point: { lat: number; lon: number }): Promise<Incident> {
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'medical', subtype: 'cardiac-arrest', location: { point, address: '1 Lê Lợi' } },
  });
  return ((await res.json()) as { incident: Incident }).incident;
}

async function assign(incidentId: string, unitId: string): Promise<Incident> {
  const res = await dsp.fetch(`/api/incidents/${incidentId}/assignments`, {
    method: 'POST',
    json: { unitIds: [unitId] },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { incident: Incident }).incident;
}

const key = () => randomUUID().replaceAll('-', '');
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe('pairing', () => {
  it('gives a device credential for a one-time code, refuses the code a second time, and audits both', async () => {
    const unit = await unitByCallsign('CC-01-01');
    const res = await pairingCode(unit.id);
    expect(res.status).toBe(201);
    const { pairing } = (await res.json()) as { pairing: PairingCode };
    expect(pairing.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const device = await pairTestDevice(
      stack.server.url,
      `${pairing.code.slice(0, 4)}-${pairing.code.slice(4).toLowerCase()}`,
    );
    const me = (await (await device.fetch('/device/me')).json()) as CrewView;
    expect(me.unit.callsign).toBe('CC-01-01');
    const again = await fetch(`${stack.server.url}/api/device/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: pairing.code }),
    });
    expect(again.status).toBe(400);
    const overview = (await (await dsp.fetch('/api/devices')).json()) as {
      devices: Array<{ unitId: string }>;
    };
    expect(overview.devices.some((d) => d.unitId === unit.id)).toBe(true);
    const audit = await listAudit(stack.tdb.db, { targetType: 'unit', targetId: unit.id, limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['device.pairing-code', 'device.pair']),
    );
    expect(JSON.stringify(audit)).not.toContain(device.credential);
  });

  it('lets only dispatchers and admins show a code, and refuses a malformed one naming the field', async () => {
    const unit = await unitByCallsign('CC-01-01');
    expect((await pairingCode(unit.id, ct)).status).toBe(403);
    const res = await fetch(`${stack.server.url}/api/device/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'O0O0' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      'code',
    );
  });
});

describe('assignment on the device', () => {
  it('pushes the assignment to the device socket, records the acknowledgement and then refuses undo', async () => {
    const { unit, device } = await pairedDevice('CC-02-01');
    const socket = await connectDeviceSocket(stack.server.url, device.credential);
    await socket.waitFor((m) => m.type === 'unit', 'the unit snapshot');
    const incident = await openIncidentAt({
      lat: unit.position!.point.lat + 0.01,
      lon: unit.position!.point.lon,
    });
    await assign(incident.id, unit.id);
    const pushed = await socket.waitFor(
      (m) => m.type === 'incident' && m.incident.id === incident.id,
      'the assignment',
    );
    expect(pushed.type === 'incident' && pushed.incident.location.address).toBe('1 Lê Lợi');

    const ack = await device.fetch('/device/acknowledge', {
      key: key(),
      at: new Date().toISOString(),
      incidentId: incident.id,
    });
    expect(((await ack.json()) as DeviceReportResult).applied).toBe(true);
    const acked = await socket.waitFor(
      (m) =>
        m.type === 'incident' &&
        m.incident.assignments.some((a) => a.unitId === unit.id && a.acknowledgedAt !== null),
      'the acknowledged incident',
    );
    expect(
      acked.type === 'incident' && acked.incident.notes.some((n) => n.text.includes('acknowledged')),
    ).toBe(true);
    // A second tap (another key) does not acknowledge twice.
    await device.fetch('/device/acknowledge', {
      key: key(),
      at: new Date().toISOString(),
      incidentId: incident.id,
    });
    const once = (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident };
    expect(once.incident.notes.filter((n) => n.text.includes('acknowledged'))).toHaveLength(1);
    const undo = await dsp.fetch(`/api/incidents/${incident.id}/assignments/${unit.id}/undo`, {
      method: 'POST',
      json: {},
    });
    expect(undo.status).toBe(409);

    // A dispatcher's note reaches the crew live; the crew's note reaches the incident.
    await dsp.fetch(`/api/incidents/${incident.id}/notes`, {
      method: 'POST',
      json: { text: 'gate code 4512' },
    });
    await socket.waitFor(
      (m) => m.type === 'incident' && m.incident.notes.some((n) => n.text === 'gate code 4512'),
      'the note',
    );
    const note = await device.fetch(`/device/incidents/${incident.id}/notes`, {
      key: key(),
      at: new Date().toISOString(),
      text: '2 injured, one trapped',
    });
    expect(note.status).toBe(200);
    const seen = (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident };
    expect(
      seen.incident.notes.some(
        (n) => n.text === '2 injured, one trapped' && n.authorName.includes('CC-02-01'),
      ),
    ).toBe(true);
    await socket.close();
  });
});

describe("the caller's number", () => {
  it("shows the crew the caller's number where the centre allows it (the default)", async () => {
    const { unit, device } = await pairedDevice('CC-10-01');
    const call = await answeredCall(stack.tdb.db, ct.user.id, {
      sipCallId: `crew-number-${Date.now()}@test`,
      callerNumber: '+84905559902',
    });
    const created = await ct.fetch('/api/incidents', {
      method: 'POST',
      json: {
        type: 'medical',
        subtype: 'cardiac-arrest',
        callId: call.id,
        location: { point: { lat: unit.position!.point.lat + 0.01, lon: unit.position!.point.lon } },
      },
    });
    const { incident } = (await created.json()) as { incident: Incident };
    await assign(incident.id, unit.id);
    const me = (await (await device.fetch('/device/me')).json()) as CrewView;
    expect(me.incident?.callerNumbers).toEqual(['+84905559902']);
  });
});

describe('status and positions from the device', () => {
  it('applies a status change with its own time once, and refuses an illegal one with the reason', async () => {
    const { unit, device } = await pairedDevice('CC-03-01');
    const incident = await openIncidentAt({
      lat: unit.position!.point.lat + 0.01,
      lon: unit.position!.point.lon,
    });
    await assign(incident.id, unit.id);
    const report = { key: key(), at: ago(120), status: 'en-route' };
    expect(
      ((await (await device.fetch('/device/status', report)).json()) as DeviceReportResult).applied,
    ).toBe(true);
    const replay = (await (await device.fetch('/device/status', report)).json()) as DeviceReportResult;
    expect(replay).toEqual({ applied: false, duplicate: true });
    const after = (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident };
    const lines = after.incident.notes.filter((n) => n.text.includes('→ en-route'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.at).toBe(report.at);

    const illegal = await device.fetch('/device/status', {
      key: key(),
      at: new Date().toISOString(),
      status: 'at-hospital',
    });
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { error: { message: string } }).error.message).toBe(
      'a unit cannot go from en-route to at-hospital',
    );
  });

  it('takes the destination hospital with transporting only, and writes it on the timeline', async () => {
    const { unit, device } = await pairedDevice('CC-08-01');
    const incident = await openIncidentAt({
      lat: unit.position!.point.lat + 0.01,
      lon: unit.position!.point.lon,
    });
    await assign(incident.id, unit.id);
    const destination = { name: 'Bệnh viện Nhân dân 115', point: { lat: 10.7765, lon: 106.6675 } };
    const early = await device.fetch('/device/status', {
      key: key(),
      at: new Date().toISOString(),
      status: 'en-route',
      destination,
    });
    expect(early.status).toBe(400);
    expect(
      ((await early.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('destination');
    expect((await unitByCallsign('CC-08-01')).status).toBe('dispatched');

    for (const status of ['en-route', 'on-scene'])
      expect(
        (await device.fetch('/device/status', { key: key(), at: new Date().toISOString(), status })).status,
      ).toBe(200);
    const transporting = await device.fetch('/device/status', {
      key: key(),
      at: new Date().toISOString(),
      status: 'transporting',
      destination,
    });
    expect(transporting.status).toBe(200);
    const after = (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident };
    const line = after.incident.notes.find((n) => n.code === 'unit.status' && n.params.to === 'transporting');
    expect(line?.params.detail).toBe('→ Bệnh viện Nhân dân 115');
    expect(line?.text).toContain('(→ Bệnh viện Nhân dân 115)');
  });

  it('keeps a late position in the history without moving the unit, and refuses impossible ones', async () => {
    const { unit, device } = await pairedDevice('CC-04-01');
    const here = unit.position!.point;
    const now = { key: key(), at: new Date().toISOString(), lat: here.lat + 0.001, lon: here.lon };
    expect((await device.fetch('/device/positions', now)).status).toBe(200);
    const late = { key: key(), at: ago(60), lat: here.lat + 0.0005, lon: here.lon };
    expect((await device.fetch('/device/positions', late)).status).toBe(200);
    expect(
      ((await (await device.fetch('/device/positions', late)).json()) as DeviceReportResult).duplicate,
    ).toBe(true);
    const moved = await unitByCallsign('CC-04-01');
    expect(moved.position!.point.lat).toBeCloseTo(now.lat, 6);
    const history = await stack.tdb.db
      .selectFrom('unit_positions')
      .select('at')
      .where('unit_id', '=', unit.id)
      .where('at', '=', new Date(late.at))
      .execute();
    expect(history).toHaveLength(1);

    const outside = await device.fetch('/device/positions', {
      key: key(),
      at: new Date().toISOString(),
      lat: 21.03,
      lon: 105.85,
    });
    expect(outside.status).toBe(400);
    const jump = await device.fetch('/device/positions', {
      key: key(),
      at: new Date().toISOString(),
      lat: here.lat + 0.3,
      lon: here.lon,
    });
    expect(jump.status).toBe(400);
    const future = await device.fetch('/device/positions', {
      key: key(),
      at: new Date(Date.now() + 3600_000).toISOString(),
      lat: here.lat,
      lon: here.lon,
    });
    expect(future.status).toBe(400);
    expect(
      ((await future.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('at');
  });
});

describe('the road to the incident and to hospital', () => {
  it('gives the crew its route to the incident, and the hospitals taking patients nearest first', async () => {
    const units = ((await (await dsp.fetch('/api/units')).json()) as { units: Unit[] }).units;
    const ambulance = units.find((u) => u.agency === 'ambulance' && u.status === 'available' && u.position)!;
    const { pairing } = (await (await pairingCode(ambulance.id)).json()) as { pairing: PairingCode };
    const device = await pairTestDevice(stack.server.url, pairing.code);
    expect(await (await device.fetch('/device/route')).json()).toEqual({ route: null });

    const from = ambulance.position!.point;
    const incident = await openIncidentAt({ lat: from.lat + 0.01, lon: from.lon });
    await assign(incident.id, ambulance.id);
    const res = await device.fetch(`/device/route?lat=${from.lat}&lon=${from.lon}`);
    expect(res.status).toBe(200);
    const { route } = (await res.json()) as { route: CrewRoute };
    expect(route.path[0]).toEqual([from.lon, from.lat]);
    expect(route.path.at(-1)).toEqual([incident.location.point.lon, incident.location.point.lat]);
    // 0.01° of latitude is 1.1 km as the crow flies; no way there is shorter.
    expect(route.metres).toBeGreaterThanOrEqual(1100);
    expect(route.etaSeconds).toBeGreaterThan(0);
    const half = await device.fetch(`/device/route?lat=${from.lat}`);
    expect(half.status).toBe(400);
    expect(
      ((await half.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('lat');

    const [supervisor] = await stack.loginEach('supervisor');
    const all = ((await (await supervisor.fetch('/api/hospitals')).json()) as { hospitals: Hospital[] })
      .hospitals;
    const offered = async () =>
      (
        (await (await device.fetch(`/device/hospitals?lat=${from.lat}&lon=${from.lon}`)).json()) as {
          hospitals: NearbyHospital[];
        }
      ).hospitals;
    const first = (await offered())[0]!;
    expect(first.distanceM).toBeGreaterThan(0);
    const hospital = all.find((h) => h.name === first.name && !h.diverting)!;
    // A cardiac arrest needs an emergency department: one that has it comes first when any open one does.
    if (all.some((h) => !h.diverting && h.capabilities.includes('emergency'))) {
      expect(hospital.capabilities).toContain('emergency');
    }
    const divert = await supervisor.fetch(`/api/hospitals/${hospital.id}`, {
      method: 'PATCH',
      json: { diverting: true, version: hospital.version },
    });
    expect(divert.status).toBe(200);
    expect((await offered()).map((h) => h.name)).not.toContain(hospital.name);
  });
});

describe('last contact', () => {
  it("advances a device's last-seen time when its socket answers the server's ping and when it reports", async () => {
    const { unit, device } = await pairedDevice('CC-07-01');
    const lastSeen = async () => {
      const overview = (await (await dsp.fetch('/api/devices')).json()) as DeviceOverview;
      return overview.devices.find((d) => d.id === device.deviceId)?.lastSeenAt;
    };
    const longAgo = new Date(Date.now() - 3600_000).toISOString();
    const forget = () =>
      stack.tdb.db
        .updateTable('unit_devices')
        .set({ last_seen_at: new Date(longAgo) })
        .where('id', '=', device.deviceId)
        .execute();

    const socket = await connectDeviceSocket(stack.server.url, device.credential);
    await socket.waitFor((m) => m.type === 'unit', 'the unit snapshot');
    await forget();
    expect(await lastSeen()).toBe(longAgo);
    // The socket sends nothing itself: only its answer to the server's ping can move the time on.
    await expect.poll(lastSeen, { timeout: 15_000, interval: 500 }).not.toBe(longAgo);
    expect(Date.parse((await lastSeen())!)).toBeGreaterThan(Date.parse(longAgo) + 3000_000);
    await socket.close();

    await forget();
    const here = unit.position!.point;
    const report = await device.fetch('/device/positions', {
      key: key(),
      at: new Date().toISOString(),
      lat: here.lat,
      lon: here.lon,
    });
    expect(report.status).toBe(200);
    expect(Date.parse((await lastSeen())!)).toBeGreaterThan(Date.parse(longAgo) + 3000_000);
  });
});

describe('revocation and expiry', () => {
  it('refuses a revoked device on HTTP with the reason and closes its socket', async () => {
    const { unit, device } = await pairedDevice('CC-05-01');
    const socket = await connectDeviceSocket(stack.server.url, device.credential);
    expect(
      (await dsp.fetch(`/api/devices/${device.deviceId}/revoke`, { method: 'POST', json: {} })).status,
    ).toBe(204);
    expect(await socket.closedWith).toBe(4003);
    const res = await device.fetch('/device/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe(
      'revoked',
    );
    await expect(connectDeviceSocket(stack.server.url, device.credential)).rejects.toThrow(/401/);
    const audit = await listAudit(stack.tdb.db, { targetType: 'unit', targetId: unit.id, limit: 50 });
    expect(audit.some((a) => a.action === 'device.revoke')).toBe(true);
  });

  it('refuses an expired device with reason expired', async () => {
    const { device } = await pairedDevice('CC-06-01');
    await stack.tdb.db
      .updateTable('unit_devices')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', device.deviceId)
      .execute();
    const res = await device.fetch('/device/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe(
      'expired',
    );
  });
});
