// The unit simulator against a real server whose clock the test moves: a dispatched ambulance drives to the
// incident, on to hospital and back to available.
import type { Incident, Unit } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitSimulator } from '../../src/simulator/simulator.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

let t = Date.now();
// The server's clock is the test's: each simulator step below is one simulated minute.
const stack = withServer({ city: true, clock: () => new Date(t) });
let dsp: Client;
beforeAll(async () => {
  dsp = await stack.loginAs('dispatcher');
});

const unit = async (id: string) =>
  ((await (await dsp.fetch(`/api/units/${id}`)).json()) as { unit: Unit }).unit;

describe('unit simulator', () => {
  it('drives a dispatched ambulance to the incident, to hospital, and back to available', async () => {
    const created = await dsp.fetch('/api/incidents', {
      method: 'POST',
      json: { type: 'medical', subtype: 'stroke', location: { point: { lat: 10.78, lon: 106.69 } } },
    });
    const { incident } = (await created.json()) as { incident: Incident };
    const units = ((await (await dsp.fetch('/api/units')).json()) as { units: Unit[] }).units;
    const amb = units.find((u) => u.callsign === 'CC-01-01')!;
    await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
      method: 'POST',
      json: { unitIds: [amb.id] },
    });

    const sim = new UnitSimulator(stack.server.ctx, {
      turnoutSeconds: 5,
      onSceneSeconds: 30,
      atHospitalSeconds: 30,
      speedKmh: 45,
      arrivalMetres: 50,
    });
    const seen: string[] = [];
    let distanceBefore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 40 && !(seen.includes('at-hospital') && seen.at(-1) === 'available'); i++) {
      t += 60_000;
      await sim.step(new Date(t));
      const u = await unit(amb.id);
      if (seen.at(-1) !== u.status) seen.push(u.status);
      if (u.status === 'en-route' && u.position) {
        const d = Math.hypot(u.position.point.lat - 10.78, u.position.point.lon - 106.69);
        expect(d).toBeLessThanOrEqual(distanceBefore);
        distanceBefore = d;
      }
    }
    expect(seen).toEqual(['en-route', 'on-scene', 'transporting', 'at-hospital', 'available']);
    const after = (
      (await (await dsp.fetch(`/api/incidents/${incident.id}`)).json()) as { incident: Incident }
    ).incident;
    expect(after.status).toBe('on-scene');
    expect(after.notes.some((n) => n.text.includes('CC-01-01: en-route → on-scene'))).toBe(true);
  });
});
