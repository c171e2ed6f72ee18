// A centre that does not let crews see the caller's number (CREW_SEES_CALLBACK_NUMBER=false): the dispatcher
// still has it, but neither the device's view (/device/me) nor what its socket pushes carries it: not in the
// numbers, not as the callback number taken down, not in the timeline's call lines.
import type { CrewView, Incident, PairingCode, Unit } from '@hcm112/shared';
import { expect, it } from 'vitest';
import { connectDeviceSocket, pairTestDevice } from '../../testing/device-client.ts';
import { answeredCall } from '../support/answered-call.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true, env: { CREW_SEES_CALLBACK_NUMBER: 'false' } });

it("leaves the caller's number out of the device's view and its socket's pushes", async () => {
  const [ct, dsp] = await stack.loginEach('call-taker', 'dispatcher');
  const { units } = (await (await dsp.fetch('/api/units')).json()) as { units: Unit[] };
  const unit = units.find((u) => u.callsign === 'CC-09-01')!;
  const { pairing } = (await (
    await dsp.fetch(`/api/units/${unit.id}/pairing-codes`, { method: 'POST', json: {} })
  ).json()) as { pairing: PairingCode };
  const device = await pairTestDevice(stack.server.url, pairing.code);
  const socket = await connectDeviceSocket(stack.server.url, device.credential);
  await socket.waitFor((m) => m.type === 'unit', 'the unit snapshot');

  const number = '+84905559901';
  const call = await answeredCall(stack.tdb.db, ct.user.id, {
    sipCallId: `crew-callback-${Date.now()}@test`,
    callerNumber: number,
  });
  const created = await ct.fetch('/api/incidents', {
    method: 'POST',
    json: {
      type: 'medical',
      subtype: 'cardiac-arrest',
      callId: call.id,
      location: {
        point: { lat: unit.position!.point.lat + 0.01, lon: unit.position!.point.lon },
        address: '12 Nguyễn Huệ',
      },
    },
  });
  expect(created.status).toBe(201);
  const { incident } = (await created.json()) as { incident: Incident };
  const assigned = await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
    method: 'POST',
    json: { unitIds: [unit.id] },
  });
  expect(assigned.status).toBe(200);
  // The dispatcher has the number.
  expect(((await assigned.json()) as { incident: Incident }).incident.callerNumbers).toEqual([number]);

  const pushed = await socket.waitFor(
    (m) => m.type === 'incident' && m.incident.id === incident.id,
    'the assignment',
  );
  expect(pushed.type === 'incident' && pushed.incident.callerNumbers).toEqual([]);
  const me = (await (await device.fetch('/device/me')).json()) as CrewView;
  expect(me.incident?.id).toBe(incident.id);
  expect(me.incident?.callerNumbers).toEqual([]);
  // A callback number taken down later is pushed without it too, and no timeline line carries the number.
  const before = socket.messages.length;
  const edited = await ct.fetch(`/api/incidents/${incident.id}`, {
    method: 'PATCH',
    json: { callbackNumber: '0905559903' },
  });
  expect(edited.status).toBe(200);
  expect(((await edited.json()) as { incident: Incident }).incident.callbackNumber).toBe('0905559903');
  const later = await socket.waitFor(
    (m) => m.type === 'incident' && socket.messages.indexOf(m) >= before,
    'the edited incident',
  );
  expect(later.type === 'incident' && later.incident.callbackNumber).toBeNull();
  expect(JSON.stringify(socket.messages)).not.toMatch(/90555990[13]/);
  expect(JSON.stringify(await (await device.fetch('/device/me')).json())).not.toMatch(/90555990[13]/);
  await socket.close();
});
