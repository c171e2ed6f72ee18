// The consoles' incident life over HTTP: editing type, priority, place and caller details (audited), closing
// while freeing only the units the dispatcher names, reopening (audited), the history search, the escalation
// policy, and which units' silence counts as a stale position.
import type { EscalationPolicy, Incident, Recommendation, Unit } from '@hcm112/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true, env: { ESCALATE_UNASSIGNED: '9:45,5:180,0:900' } });
let ct: Client;
let dsp: Client;
let sup: Client;
beforeAll(async () => {
  [ct, dsp, sup] = await stack.loginEach('call-taker', 'dispatcher', 'supervisor');
});

const FIRE = { type: 'fire', subtype: 'structure-fire' };
let spot = 0;
async function openIncident(body: object = {}): Promise<Incident> {
  spot += 1;
  const point = { lat: 10.74 + spot * 0.012, lon: 106.68 };
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: {
      type: 'medical',
      subtype: 'stroke',
      location: { point, address: `${spot} Đường Số ${spot}` },
      ...body,
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { incident: Incident }).incident;
}

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

async function unit(id: string): Promise<Unit> {
  const { units } = await json<{ units: Unit[] }>(await dsp.fetch('/api/units'));
  return units.find((u) => u.id === id)!;
}

/** Two recommended units assigned to a fire (its plan holds engines, a ladder and an ambulance). */
async function assignTwo(incident: Incident): Promise<[string, string]> {
  const { recommendations } = await json<{ recommendations: Recommendation[] }>(
    await dsp.fetch(`/api/incidents/${incident.id}/recommendations`),
  );
  const ids = [recommendations[0]!.unitId, recommendations[1]!.unitId] as [string, string];
  await json(
    await dsp.fetch(`/api/incidents/${incident.id}/assignments`, { method: 'POST', json: { unitIds: ids } }),
  );
  return ids;
}

describe('editing an incident', () => {
  it('changes type, priority, place and caller details, notes the move and audits the edit', async () => {
    const incident = await openIncident();
    const res = await dsp.fetch(`/api/incidents/${incident.id}`, {
      method: 'PATCH',
      json: {
        type: 'fire',
        subtype: 'structure-fire',
        priority: 10,
        location: { point: { lat: 10.7725, lon: 106.698 }, address: 'Chợ Bến Thành' },
        callerName: 'Nguyễn Văn An',
        callbackNumber: '0901 234 567',
      },
    });
    const { incident: edited } = await json<{ incident: Incident }>(res);
    expect(edited).toMatchObject({
      type: 'fire',
      subtype: 'structure-fire',
      priority: 10,
      callerName: 'Nguyễn Văn An',
      callbackNumber: '0901 234 567',
    });
    expect(edited.location.address).toBe('Chợ Bến Thành');
    expect(edited.location.district).toBe('Quận 1');
    expect(edited.notes.some((n) => n.kind === 'location')).toBe(true);
    const audit = await listAudit(stack.tdb.db, { targetType: 'incident', targetId: incident.id, limit: 5 });
    expect(audit.find((a) => a.action === 'incident.update')?.actorName).toBe(dsp.user.username);

    // An empty caller name clears it; a callback number of letters is refused naming the field.
    const cleared = await json<{ incident: Incident }>(
      await dsp.fetch(`/api/incidents/${incident.id}`, { method: 'PATCH', json: { callerName: '' } }),
    );
    expect(cleared.incident.callerName).toBeNull();
    const bad = await dsp.fetch(`/api/incidents/${incident.id}`, {
      method: 'PATCH',
      json: { callbackNumber: 'call me' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('callbackNumber');
  });

  it('recommends for the new type and place after an edit', async () => {
    const incident = await openIncident();
    await json(
      await dsp.fetch(`/api/incidents/${incident.id}`, {
        method: 'PATCH',
        json: {
          type: 'fire',
          subtype: 'structure-fire',
          location: { point: { lat: 10.7725, lon: 106.698 } },
        },
      }),
    );
    const { recommendations } = await json<{ recommendations: Recommendation[] }>(
      await dsp.fetch(`/api/incidents/${incident.id}/recommendations`),
    );
    expect(recommendations[0]!.kind).toBe('fire-engine');
    expect(recommendations[0]!.callsign).toMatch(/^CH-Q1-/);
  });
});

describe('closing with units still out', () => {
  it('frees only the units named; the others keep their assignment and status until they clear', async () => {
    const incident = await openIncident(FIRE);
    const [freed, kept] = await assignTwo(incident);
    await json(
      await dsp.fetch(`/api/units/${kept}/status`, { method: 'POST', json: { status: 'en-route' } }),
    );
    const { incident: closed } = await json<{ incident: Incident }>(
      await dsp.fetch(`/api/incidents/${incident.id}/close`, {
        method: 'POST',
        json: { disposition: 'resolved', releaseUnitIds: [freed] },
      }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.assignments.map((a) => a.unitId)).toEqual([kept]);
    expect(await unit(freed)).toMatchObject({ status: 'available', incidentId: null });
    expect(await unit(kept)).toMatchObject({ status: 'en-route', incidentId: incident.id });

    // The crew clears later: the unit is free and the closed incident holds no unit any more.
    await json(
      await dsp.fetch(`/api/units/${kept}/status`, { method: 'POST', json: { status: 'available' } }),
    );
    expect(await unit(kept)).toMatchObject({ status: 'available', incidentId: null });
    const { incident: after } = await json<{ incident: Incident }>(
      await dsp.fetch(`/api/incidents/${incident.id}`),
    );
    expect(after.assignments).toEqual([]);
  });

  it('refuses to release a unit that is not assigned to the incident, and changes nothing', async () => {
    const incident = await openIncident(FIRE);
    const [mine] = await assignTwo(incident);
    const other = await openIncident(FIRE);
    const [theirs] = await assignTwo(other);
    const res = await dsp.fetch(`/api/incidents/${incident.id}/close`, {
      method: 'POST',
      json: { disposition: 'resolved', releaseUnitIds: [mine, theirs] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('releaseUnitIds');
    expect((await unit(mine)).status).toBe('dispatched');
    expect((await unit(theirs)).incidentId).toBe(other.id);
  });
});

describe('reopening', () => {
  it('puts a closed incident back on the list with its reason, audited; an open one cannot be reopened', async () => {
    const incident = await openIncident();
    await json(
      await dsp.fetch(`/api/incidents/${incident.id}/close`, {
        method: 'POST',
        json: { disposition: 'false-alarm', releaseUnitIds: [] },
      }),
    );
    expect(
      (await ct.fetch(`/api/incidents/${incident.id}/reopen`, { method: 'POST', json: { reason: 'x' } }))
        .status,
    ).toBe(403);
    expect(
      (await sup.fetch(`/api/incidents/${incident.id}/reopen`, { method: 'POST', json: {} })).status,
    ).toBe(400);
    const { incident: reopened } = await json<{ incident: Incident }>(
      await sup.fetch(`/api/incidents/${incident.id}/reopen`, {
        method: 'POST',
        json: { reason: 'caller rang again, smoke is back' },
      }),
    );
    expect(reopened).toMatchObject({ status: 'new', disposition: null, closedAt: null });
    expect(reopened.notes.at(-1)?.text).toContain('smoke is back');
    const audit = await listAudit(stack.tdb.db, { targetType: 'incident', targetId: incident.id, limit: 5 });
    expect(audit.find((a) => a.action === 'incident.reopen')?.actorName).toBe(sup.user.username);
    const again = await dsp.fetch(`/api/incidents/${incident.id}/reopen`, {
      method: 'POST',
      json: { reason: 'x' },
    });
    expect(again.status).toBe(409);
  });
});

describe('history', () => {
  it('finds closed incidents by number, address, caller number, type and time, newest first', async () => {
    const a = await openIncident({ type: 'traffic', subtype: 'collision-injury' });
    const b = await openIncident();
    const open = await openIncident();
    await stack.tdb.db
      .insertInto('calls')
      .values({
        sip_call_id: `history-${b.id}`,
        caller_number: '0909876543',
        dialed_number: '115',
        service: '115',
        state: 'ended',
        arrived_at: new Date(),
        incident_id: b.id,
      })
      .execute();
    for (const i of [a, b])
      await json(
        await dsp.fetch(`/api/incidents/${i.id}/close`, {
          method: 'POST',
          json: { disposition: 'resolved' },
        }),
      );
    const search = async (query: string) =>
      (
        await json<{ incidents: Incident[] }>(await dsp.fetch(`/api/incidents/history?${query}`))
      ).incidents.map((i) => i.number);
    expect(await search(`q=${a.number}`)).toEqual([a.number]);
    expect(await search(`q=${encodeURIComponent(b.location.address)}`)).toEqual([b.number]);
    expect(await search('q=876543')).toEqual([b.number]);
    expect(await search(`q=${encodeURIComponent(open.location.address)}`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent(open.location.address)}&status=all`)).toEqual([open.number]);
    const traffic = await search('type=traffic');
    expect(traffic).toContain(a.number);
    expect(traffic).not.toContain(b.number);
    const sinceNow = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect(await search(`from=${sinceNow}`)).toEqual([]);
    const recent = await search('limit=2');
    expect(recent).toEqual([b.number, a.number]);
    // A percent sign is a character to find, not a wildcard.
    expect(await search('q=%25')).toEqual([]);
    expect((await dsp.fetch('/api/incidents/history?type=volcano')).status).toBe(400);
    expect((await ct.fetch('/api/incidents/history')).status).toBe(200);
  });
});

describe('landmarks', () => {
  it('lists the named places a location can be picked from, with their points', async () => {
    const { landmarks } = await json<{
      landmarks: { label: string; kind: string; point: { lat: number } }[];
    }>(await ct.fetch('/api/addresses/landmarks'));
    expect(landmarks.length).toBeGreaterThan(10);
    expect(landmarks.some((l) => l.label.startsWith('Chợ Bến Thành'))).toBe(true);
    expect(new Set(landmarks.map((l) => l.kind))).toEqual(new Set(['landmark', 'hospital']));
  });
});

describe('escalation policy', () => {
  it('serves the configured seconds per priority to every console', async () => {
    const policy = await json<EscalationPolicy>(await ct.fetch('/api/incidents/escalation-policy'));
    expect(policy.unassigned).toEqual([
      { minPriority: 9, seconds: 45 },
      { minPriority: 5, seconds: 180 },
      { minPriority: 0, seconds: 900 },
    ]);
  });
});

describe('stale positions', () => {
  it('does not flag a unit parked at its station, and flags a dispatched unit that stopped reporting', async () => {
    // The template's units were seeded at their stations with positions from long ago.
    const { units } = await json<{ units: Unit[] }>(await dsp.fetch('/api/units'));
    const parked = units.filter((u) => u.status === 'available' && u.stationId);
    expect(parked.length).toBeGreaterThan(10);
    expect(parked.every((u) => !u.positionStale)).toBe(true);

    const incident = await openIncident(FIRE);
    const [sent] = await assignTwo(incident);
    expect((await unit(sent)).positionStale).toBe(true);

    // A free unit away from its station that went silent is flagged too.
    const away = parked[0]!;
    await sql`UPDATE units SET position = ST_SetSRID(ST_MakePoint(106.80, 10.90), 4326)::geography,
      position_at = now() - interval '1 hour' WHERE id = ${away.id}`.execute(stack.tdb.db);
    expect((await unit(away.id)).positionStale).toBe(true);
  });
});
