// Undoing a mistaken assignment over HTTP: within the window and before the crew acknowledges the unit is free
// again and the undo is audited; afterwards (clock moved, or unit en-route) the server answers 409.
import type { Incident, Unit } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

let offsetMs = 0;
const stack = withServer({ city: true, clock: () => new Date(Date.now() + offsetMs) });
let ct: Client;
let dsp: Client;
beforeAll(async () => {
  ct = await stack.loginAs('call-taker');
  dsp = await stack.loginAs('dispatcher');
});

let spot = 0;
async function assignedIncident(callsign: string): Promise<{ incident: Incident; unit: Unit }> {
  spot += 1;
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: {
      type: 'traffic',
      subtype: 'collision-injury',
      location: { point: { lat: 10.7 + spot * 0.02, lon: 106.7 } },
    },
  });
  const { incident } = (await res.json()) as { incident: Incident };
  const units = ((await (await dsp.fetch('/api/units')).json()) as { units: Unit[] }).units;
  const unit = units.find((u) => u.callsign === callsign)!;
  const assigned = await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
    method: 'POST',
    json: { unitIds: [unit.id] },
  });
  expect(assigned.status).toBe(200);
  return { incident, unit };
}

const undo = (incident: Incident, unit: Unit, client = dsp) =>
  client.fetch(`/api/incidents/${incident.id}/assignments/${unit.id}/undo`, { method: 'POST', json: {} });

async function unitNow(id: string): Promise<Unit> {
  const units = ((await (await dsp.fetch('/api/units')).json()) as { units: Unit[] }).units;
  return units.find((u) => u.id === id)!;
}

describe('undo assignment', () => {
  it('frees the unit within the window, puts the incident back to new, and audits who undid it', async () => {
    offsetMs = 0;
    const { incident, unit } = await assignedIncident('CA-Q1-1-01');
    expect((await undo(incident, unit, ct)).status).toBe(403);
    offsetMs = 9_000;
    const res = await undo(incident, unit);
    expect(res.status).toBe(200);
    const after = ((await res.json()) as { incident: Incident }).incident;
    expect(after.assignments).toEqual([]);
    expect(after.status).toBe('new');
    expect(after.notes.map((n) => n.text)).toContain(`undid dispatch of ${unit.callsign}`);
    expect(await unitNow(unit.id)).toMatchObject({ status: 'available', incidentId: null });
    const audit = await listAudit(stack.tdb.db, { targetId: incident.id, limit: 100 });
    expect(audit.map((a) => a.action)).toContain('incident.assign.undo');
    // Undone once: a second undo has nothing left to take back.
    expect((await undo(incident, unit)).status).toBe(409);
  });

  it('answers 409 once the 10 s have passed, and the unit stays dispatched', async () => {
    offsetMs = 0;
    const { incident, unit } = await assignedIncident('CA-Q1-1-02');
    offsetMs = 10_500;
    const res = await undo(incident, unit);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /10 s to undo .* have passed; recalling it is a cancellation/,
    );
    expect(await unitNow(unit.id)).toMatchObject({ status: 'dispatched', incidentId: incident.id });
  });

  it('answers 409 once the crew has acknowledged (en-route), even within the window', async () => {
    offsetMs = 0;
    const { incident, unit } = await assignedIncident('CA-Q1-1-03');
    const ack = await dsp.fetch(`/api/units/${unit.id}/status`, {
      method: 'POST',
      json: { status: 'en-route' },
    });
    expect(ack.status).toBe(200);
    const res = await undo(incident, unit);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/has acknowledged/);
    expect(await unitNow(unit.id)).toMatchObject({ status: 'en-route', incidentId: incident.id });
  });
});
