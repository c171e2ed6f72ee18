// The wall display's figures against real PostgreSQL and Redis: calls per hour today, waiting calls by number
// dialled, dispatchers' presence (signed in, console open), units, incidents with no unit; the displays a
// supervisor creates, their cookie, revocation and audit; who may read and manage them.
import type { Call, Incident, WallboardFigures, WallDisplay } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { insertCall, setCallColumns } from '../../src/calls/repository.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

// 12:00 in Ho Chi Minh City: "today" began at 2026-03-09T17:00:00Z.
const NOW = new Date('2026-03-10T05:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const local = (hh: number, mm: number) => new Date(Date.UTC(2026, 2, 9, 17 + hh, mm));

const stack = withServer({ city: true, clock: () => NOW, env: { ESCALATE_UNASSIGNED: '0:600' } });
let ct: Client;
let dsp: Client;
let dsp2: Client;
let sup: Client;
let admin: Client;
let n = 0;

async function makeCall(m: {
  arrived: Date;
  state: Call['state'];
  service?: '112' | '113' | '114' | '115';
  answered?: boolean;
}): Promise<void> {
  n += 1;
  const inserted = await insertCall(stack.tdb.db, {
    sipCallId: `wb-${n}@test`,
    callerNumber: `0900000${String(n).padStart(3, '0')}`,
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    dialedNumber: m.service ?? '112',
    service: m.service ?? '112',
    state: m.state,
    arrivedAt: m.arrived,
    location: null,
    locationRaw: null,
  });
  const ended = m.state === 'abandoned' || m.state === 'ended';
  await setCallColumns(stack.tdb.db, inserted!.id, {
    answered_at: m.answered ? new Date(m.arrived.getTime() + 8000) : null,
    ended_at: ended ? new Date(m.arrived.getTime() + 60_000) : null,
    ended_by: ended ? 'caller' : null,
  });
}

async function openIncident(minutesAgo: number): Promise<Incident> {
  const res = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: { type: 'fire', subtype: 'structure-fire', location: { point: { lat: 10.7725, lon: 106.698 } } },
  });
  expect(res.status).toBe(201);
  const { incident } = (await res.json()) as { incident: Incident };
  await sql`UPDATE incidents SET created_at = ${ago(minutesAgo * 60)} WHERE id = ${incident.id}`.execute(
    stack.tdb.db,
  );
  return incident;
}

async function figures(c: Client): Promise<WallboardFigures> {
  const res = await c.fetch('/api/wallboard/tv');
  expect(res.status).toBe(200);
  return (await res.json()) as WallboardFigures;
}

const anonymous = (path: string, init: RequestInit = {}) => fetch(`${stack.server.url}${path}`, init);

beforeAll(async () => {
  [ct, dsp, dsp2, sup, admin] = await stack.loginEach(
    'call-taker',
    'dispatcher',
    'dispatcher',
    'supervisor',
    'admin',
  );
  await makeCall({ arrived: local(0, 30), state: 'ended', answered: true });
  await makeCall({ arrived: local(9, 10), state: 'ended', answered: true });
  await makeCall({ arrived: local(9, 20), state: 'ended', answered: true, service: '114' });
  await makeCall({ arrived: local(9, 50), state: 'abandoned' });
  await makeCall({ arrived: ago(90), state: 'queued', service: '113' });
  await makeCall({ arrived: ago(60), state: 'queued', service: '115' });
  await makeCall({ arrived: ago(30), state: 'ringing-agent' });
  await makeCall({ arrived: ago(26 * 3600), state: 'ended', answered: true });
});

describe('call figures', () => {
  it("counts today's calls by hour of the day in the centre's time zone, up to the current hour", async () => {
    const f = await figures(sup);
    expect(f.callsPerHour).toHaveLength(13);
    expect(f.callsPerHour.map((h) => h.hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(f.callsPerHour[0]).toEqual({ hour: 0, calls: 1, answered: 1, abandoned: 0 });
    expect(f.callsPerHour[9]).toEqual({ hour: 9, calls: 3, answered: 2, abandoned: 1 });
    expect(f.callsPerHour[11]).toEqual({ hour: 11, calls: 3, answered: 0, abandoned: 0 });
    expect(f.callsPerHour.reduce((s, h) => s + h.calls, 0)).toBe(7);
  });

  it('splits the waiting calls by the number dialled, oldest first, without caller numbers', async () => {
    const f = await figures(sup);
    expect(f.waitingByService).toEqual({ '112': 1, '113': 1, '114': 0, '115': 1 });
    expect(f.waitingCalls).toEqual([
      { service: '113', state: 'queued', waitSeconds: 90 },
      { service: '115', state: 'queued', waitSeconds: 60 },
      { service: '112', state: 'ringing-agent', waitSeconds: 30 },
    ]);
    expect(JSON.stringify(f.waitingCalls)).not.toContain('0900000');
    expect(f.calls.waiting).toBe(3);
    expect(f.abandonedRate).toBeCloseTo(1 / 4);
  });
});

describe('people on the floor', () => {
  it('lists signed-in dispatchers by display name, and as console-open while their console answers', async () => {
    const before = await figures(sup);
    const row = (f: WallboardFigures, c: Client) => f.people.find((p) => p.userId === c.user.id);
    expect(row(before, dsp)).toMatchObject({
      displayName: dsp.user.displayName,
      role: 'dispatcher',
      state: 'signed-in',
    });
    expect(row(before, dsp2)?.state).toBe('signed-in');
    await stack.subscribe(dsp, ['incidents']);
    const after = await waitFor(async () => {
      const f = await figures(sup);
      return row(f, dsp)?.state === 'console-open' ? f : undefined;
    }, 'the dispatcher console to show as open');
    expect(Date.parse(row(after, dsp)!.since)).toBeGreaterThan(0);
    expect(row(after, dsp2)?.state).toBe('signed-in');
    // Logged out: no longer on the floor.
    expect((await dsp2.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(row(await figures(sup), dsp2)).toBeUndefined();
  });
});

describe('units and incidents', () => {
  it('counts units free by agency and ward, and open incidents with no unit, flagged past the policy', async () => {
    const old = await openIncident(20);
    const fresh = await openIncident(2);
    const f = await figures(sup);
    const { rows } = await sql<{ agency: string; available: number; total: number }>`
      SELECT agency, (count(*) FILTER (WHERE status = 'available'))::int AS available, count(*)::int AS total
      FROM units GROUP BY agency`.execute(stack.tdb.db);
    for (const r of rows)
      expect(f.unitsByAgency.find((a) => a.agency === r.agency)).toEqual({
        agency: r.agency,
        available: r.available,
        total: r.total,
      });
    expect(f.availableByWard.reduce((s, w) => s + w.available, 0)).toBe(
      rows.reduce((s, r) => s + r.available, 0),
    );
    const flags = Object.fromEntries(f.unassignedIncidents.map((i) => [i.id, i.escalated]));
    expect(flags).toEqual({ [old.id]: true, [fresh.id]: false });
    expect(f.openCameraAlerts).toBe(0);
  });
});

describe('wall displays', () => {
  let cookie: string;
  let display: WallDisplay;

  it('makes a browser a display: an HttpOnly cookie scoped to the figures, never the token in the body', async () => {
    const res = await sup.fetch('/api/wallboard/displays', {
      method: 'POST',
      json: { name: 'Màn hình tường A', days: 7 },
    });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^e112_display=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain('Path=/api/wallboard/tv');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    cookie = setCookie.split(';')[0]!;
    const body = (await res.json()) as { display: WallDisplay };
    display = body.display;
    expect(JSON.stringify(body)).not.toContain(cookie.split('=')[1]);
    expect(display).toMatchObject({
      name: 'Màn hình tường A',
      createdBy: sup.user.username,
      revokedAt: null,
    });
    expect(Date.parse(display.expiresAt) - NOW.getTime()).toBe(7 * 86_400_000);
    const [audit] = await listAudit(stack.tdb.db, {
      targetType: 'wallboard-display',
      targetId: display.id,
      limit: 10,
    });
    expect(audit).toMatchObject({ action: 'wallboard.display-created', actorName: sup.user.username });
  });

  it('reads the figures with the display cookie alone, and notes when and from where', async () => {
    const res = await anonymous('/api/wallboard/tv', { headers: { cookie } });
    expect(res.status).toBe(200);
    const f = (await res.json()) as WallboardFigures;
    expect(f.display).toEqual({ name: 'Màn hình tường A', expiresAt: display.expiresAt });
    // The display reads nothing else.
    expect((await anonymous('/api/calls/queue', { headers: { cookie } })).status).toBe(401);
    expect((await anonymous('/api/wallboard/displays', { headers: { cookie } })).status).toBe(401);
    const list = (await (await sup.fetch('/api/wallboard/displays')).json()) as { displays: WallDisplay[] };
    expect(list.displays.find((d) => d.id === display.id)).toMatchObject({
      lastSeenAt: NOW.toISOString(),
      lastIp: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
  });

  it('refuses a revoked display at once, and audits who revoked it', async () => {
    const res = await admin.fetch(`/api/wallboard/displays/${display.id}/revoke`, {
      method: 'POST',
      json: {},
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { display: WallDisplay }).display.revokedBy).toBe(admin.user.username);
    const refused = await anonymous('/api/wallboard/tv', { headers: { cookie } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /revoked|expired/,
    );
    const again = await admin.fetch(`/api/wallboard/displays/${display.id}/revoke`, {
      method: 'POST',
      json: {},
    });
    expect(again.status).toBe(409);
    const audit = await listAudit(stack.tdb.db, {
      targetType: 'wallboard-display',
      targetId: display.id,
      limit: 10,
    });
    expect(audit.map((a) => [a.action, a.actorName])).toContainEqual([
      'wallboard.display-revoked',
      admin.user.username,
    ]);
  });

  it('keeps figures and displays to supervisors and admins, and validates the display body', async () => {
    expect((await anonymous('/api/wallboard/tv')).status).toBe(401);
    expect(
      (await anonymous('/api/wallboard/tv', { headers: { cookie: 'e112_display=forged' } })).status,
    ).toBe(401);
    for (const c of [ct, dsp]) {
      expect((await c.fetch('/api/wallboard/tv')).status).toBe(403);
      expect((await c.fetch('/api/wallboard/displays')).status).toBe(403);
      const made = await c.fetch('/api/wallboard/displays', { method: 'POST', json: { name: 'x', days: 1 } });
      expect(made.status).toBe(403);
    }
    expect((await admin.fetch('/api/wallboard/tv')).status).toBe(200);
    for (const [json, field] of [
      [{ name: '', days: 7 }, 'name'],
      [{ name: 'Wall', days: 31 }, 'days'],
      [{ name: 'Wall', days: 1.5 }, 'days'],
      [{ name: 'x'.repeat(81), days: 3 }, 'name'],
    ] as const) {
      const res = await sup.fetch('/api/wallboard/displays', { method: 'POST', json });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty(field);
    }
  });
});
