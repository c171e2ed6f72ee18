// The whole story, with real peers: a citizen dials 112 from a phone that sends its location, a call-taker's
// phone answers and an incident is opened from the call, the dispatcher sees the recommended units and the
// cameras that see the place (one of them a live test stream), assigns a unit, the simulated crew drives there,
// the incident is closed, and the audit log and the EIDO export tell the same story.
import type { Call, Incident, Recommendation, SurfacedCamera, Unit } from '@hcm112/shared';
import { type CameraSources, startCameraSources } from '@hcm112/server/testing/camera-sources';
import { type Phone, type SippRun, dial, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { auditAbout, missingFromStory } from '../../src/harness/audit-story.ts';
import { waitUntil } from '../../src/harness/ports.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';

// Lê Lợi near Bến Thành market; the test camera stands 150 m south of it, looking north.
const SCENE = { lat: 10.7725, lon: 106.6985 };
const CALLER = '0909112233';
const pidfPoint = `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${SCENE.lat} ${SCENE.lon}</gml:pos></gml:Point>`;

let system: RunningSystem;
let sources: CameraSources;
let phone: Phone;
let caller: SippRun;
let callTaker: ApiClient;
let dispatcher: ApiClient;
let supervisor: ApiClient;

beforeAll(async () => {
  system = await startSystem({ simulator: true, env: { SIMULATOR_SPEEDUP: '20' } });
  sources = await startCameraSources({ rtsp: ['story'] });
  const admin = await loginDemo(system.url, 'admin');
  await admin.expectJson(
    'POST',
    '/cameras',
    {
      code: 'CAM-STORY',
      name: 'Lê Lợi, facing Bến Thành',
      point: { lat: SCENE.lat - 0.00135, lon: SCENE.lon },
      bearingDeg: 0,
      fovDeg: 60,
      rangeM: 300,
      layer: 'mid',
      owner: 'transport',
      streamKind: 'rtsp',
      streamUrl: sources.urls.rtsp.story,
    },
    201,
  );
  callTaker = await loginDemo(system.url, 'ct1');
  dispatcher = await loginDemo(system.url, 'dsp1');
  supervisor = await loginDemo(system.url, 'sup1');
});

afterAll(async () => {
  caller?.stop();
  if (system?.kamailio) await unregisterPhones(system.kamailio);
  await sources?.stop();
  await system?.stop();
});

async function poll<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let value: T | undefined;
  await waitUntil(
    async () => {
      value = await probe();
      return value !== undefined;
    },
    what,
    60_000,
  );
  return value as T;
}

it('takes a 112 call from dial tone to a closed incident, with the audit log and EIDO telling the story', async () => {
  const kamailio = system.kamailio!;
  phone = await startPhone(kamailio, '1001', { calls: 1 });
  await callTaker.expectJson('POST', '/calltakers/me/ready', { ready: true });

  caller = dial(kamailio, CALLER, {
    scenario: 'caller-with-location-stays.xml',
    keys: { location: pidfPoint, note: 'story' },
  });
  const call = await poll('the call to be answered on the call-taker phone', async () => {
    const { calls } = await callTaker.expectJson<{ calls: Call[] }>('GET', `/calls/recent?caller=${CALLER}`);
    return calls.find((c) => c.state === 'answered');
  });
  expect(call.service).toBe('112');
  expect(call.location?.point.lat).toBeCloseTo(SCENE.lat, 5);

  await callTaker.expectJson('POST', `/calls/${call.id}/accept`, {});
  const { incident } = await callTaker.expectJson<{ incident: Incident }>(
    'POST',
    '/incidents',
    { type: 'fire', subtype: 'vehicle-fire', callId: call.id, note: 'car burning on Lê Lợi, driver out' },
    201,
  );
  expect(incident.callerNumbers).toContain(CALLER);
  expect(incident.location.point.lat).toBeCloseTo(SCENE.lat, 5);
  await callTaker.expectJson('POST', `/calls/${call.id}/hangup`, {});
  await caller.ok();
  await phone.run.ok();

  const { cameras } = await dispatcher.expectJson<{ cameras: SurfacedCamera[] }>(
    'GET',
    `/incidents/${incident.id}/cameras`,
  );
  const storyCamera = cameras.find((c) => c.code === 'CAM-STORY');
  expect(storyCamera).toMatchObject({ inCone: true, online: true });
  const feed = await dispatcher.expectJson<{ kind: string; url: string }>(
    'GET',
    `/cameras/${storyCamera!.cameraId}/feed?incidentId=${incident.id}`,
  );
  expect(feed.kind).toBe('hls');

  const { recommendations } = await dispatcher.expectJson<{ recommendations: Recommendation[] }>(
    'GET',
    `/incidents/${incident.id}/recommendations`,
  );
  const engine = recommendations.find((r) => r.kind === 'fire-engine')!;
  expect(engine).toBeDefined();
  await dispatcher.expectJson('POST', `/incidents/${incident.id}/assignments`, { unitIds: [engine.unitId] });

  await poll('the simulated engine to reach the scene', async () => {
    const { unit } = await dispatcher.expectJson<{ unit: Unit }>('GET', `/units/${engine.unitId}`);
    return unit.status === 'on-scene' ? unit : undefined;
  });
  const closed = await dispatcher.expectJson<{ incident: Incident }>(
    'POST',
    `/incidents/${incident.id}/close`,
    {
      disposition: 'resolved',
      note: 'fire out, car towed',
    },
  );
  expect(closed.incident.status).toBe('closed');

  const story = await auditAbout(supervisor, [call.id, incident.id, engine.unitId, storyCamera!.cameraId]);
  const told = story.map((e) => `${e.action} by ${e.actorName}`);
  expect(
    missingFromStory(story, [
      { action: 'call.arrived', actor: 'telephony' },
      { action: 'call.offered', actor: 'telephony' },
      { action: 'call.answered', actor: 'telephony' },
      { action: 'incident.create', actor: 'ct1' },
      { action: 'call.hangup', actor: 'ct1' },
      { action: 'call.ended', actor: 'telephony' },
      { action: 'camera.view', actor: 'dsp1' },
      { action: 'incident.assign', actor: 'dsp1' },
      { action: 'unit.status', actor: engine.callsign },
      { action: 'unit.status', actor: engine.callsign },
      { action: 'incident.close', actor: 'dsp1' },
    ]),
    `the audit log told: ${told.join(', ')}`,
  ).toEqual([]);

  const eido = await dispatcher.expectJson<Record<string, unknown>>('GET', `/incidents/${incident.id}/eido`);
  const text = JSON.stringify(eido);
  expect(text).toContain(incident.number);
  expect(text).toContain(CALLER);
  expect(text).toContain(engine.callsign);
});
