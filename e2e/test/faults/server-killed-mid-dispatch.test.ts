// Fault: the server process is killed (SIGKILL) while dispatchers' assignments are in flight. After a restart
// no unit is half-assigned: units, open assignments, incidents and the audit log agree with each other.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { readDispatchState } from '../../src/harness/dispatch-state.ts';

let system: RunningSystem;
let dispatcher: ApiClient;

beforeAll(async () => {
  system = await startSystem({ telephony: false });
  dispatcher = await loginDemo(system.url, 'dsp1');
});

afterAll(async () => {
  await system?.stop();
});

interface Created {
  incident: { id: string };
}

async function openFires(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const { incident } = await dispatcher.expectJson<Created>(
      'POST',
      '/incidents',
      {
        type: 'fire',
        subtype: 'structure-fire',
        location: { point: { lat: 10.776 + i * 0.002, lon: 106.7 + i * 0.002 }, address: `fault test ${i}` },
      },
      201,
    );
    ids.push(incident.id);
  }
  return ids;
}

it('leaves no unit half-assigned when the server dies during assignments', async () => {
  const incidents = await openFires(12);
  const plans = await Promise.all(
    incidents.map(async (id) => {
      const { recommendations } = await dispatcher.expectJson<{ recommendations: { unitId: string }[] }>(
        'GET',
        `/incidents/${id}/recommendations`,
      );
      return { id, unitIds: recommendations.map((r) => r.unitId) };
    }),
  );
  // Neighbouring incidents want the same nearest units: the assignments contend and run concurrently.
  const inFlight = plans.flatMap(({ id, unitIds }) =>
    [0, 1].map(() =>
      dispatcher.request('POST', `/incidents/${id}/assignments`, { unitIds }).then(
        (r) => r.status,
        () => 'connection lost' as const,
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, 40));
  await system.server.kill('SIGKILL');
  const outcomes = await Promise.all(inFlight);
  expect(outcomes.some((o) => o === 'connection lost')).toBe(true);

  await system.restartServer();
  const state = await readDispatchState(system.database.adminUrl);
  expect(state.unitsWithoutTheirAssignment).toEqual([]);
  expect(state.assignmentsWithoutTheirUnit).toEqual([]);
  expect(state.unitsOnTwoIncidents).toEqual([]);
  expect(state.newIncidentsWithUnits).toEqual([]);
  expect(state.assignmentsWithoutAudit).toEqual([]);

  // And the restarted server dispatches normally: a fresh incident gets its recommended units.
  const [fresh] = await openFires(1);
  const { recommendations } = await dispatcher.expectJson<{ recommendations: { unitId: string }[] }>(
    'GET',
    `/incidents/${fresh}/recommendations`,
  );
  expect(recommendations.length).toBeGreaterThan(0);
  const { incident } = await dispatcher.expectJson<{ incident: { status: string } }>(
    'POST',
    `/incidents/${fresh}/assignments`,
    { unitIds: [recommendations[0]!.unitId] },
  );
  expect(incident.status).toBe('dispatched');
});
