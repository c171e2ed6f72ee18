import { describe, expect, it } from 'vitest';
import {
  Call,
  ClientMessage,
  CreateIncidentRequest,
  INCIDENT_TYPES,
  IncidentNumber,
  IncidentType,
  Priority,
  RealtimeEvent,
} from './index.ts';

describe('domain schemas', () => {
  it('accepts a human-readable incident number and rejects others', () => {
    expect(IncidentNumber.safeParse('HCM-2026-000123').success).toBe(true);
    expect(IncidentNumber.safeParse('HCM-26-123').success).toBe(false);
  });

  it('keeps priority on the EIDO 0-10 integer scale', () => {
    expect(Priority.safeParse(10).success).toBe(true);
    expect(Priority.safeParse(11).success).toBe(false);
    expect(Priority.safeParse(4.5).success).toBe(false);
  });

  it('gives every incident type subtypes with priorities inside the scale', () => {
    for (const type of IncidentType.options) {
      const subs = Object.values(INCIDENT_TYPES[type].subtypes);
      expect(subs.length).toBeGreaterThan(0);
      for (const s of subs) expect(Priority.safeParse(s.priority).success).toBe(true);
    }
  });

  it('names the bad field of an incident request', () => {
    const r = CreateIncidentRequest.safeParse({
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: { lat: 200, lon: 106.7 } },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['location', 'point', 'lat']);
  });

  it('rejects a call with a service number other than 112-115', () => {
    const call = {
      id: '5f0c7c52-4d0a-4a3e-9a54-3b8f1f7f4a11',
      sipCallId: 'abc',
      callerNumber: '0901234567',
      dialedNumber: '911',
      service: '911',
      state: 'queued',
      arrivedAt: '2026-01-01T00:00:00.000Z',
      offeredAt: null,
      answeredAt: null,
      endedAt: null,
      endedBy: null,
      agentUserId: null,
      location: null,
      incidentId: null,
      callbackAt: null,
    };
    expect(Call.safeParse(call).success).toBe(false);
    expect(Call.safeParse({ ...call, service: '112' }).success).toBe(true);
  });

  it('discriminates realtime events by type and refuses unknown ones', () => {
    expect(
      RealtimeEvent.safeParse({
        type: 'unit.position',
        unitId: '5f0c7c52-4d0a-4a3e-9a54-3b8f1f7f4a11',
        position: {
          point: { lat: 10.77, lon: 106.7 },
          heading: 90,
          speedKmh: 30,
          at: '2026-01-01T00:00:00Z',
        },
      }).success,
    ).toBe(true);
    expect(RealtimeEvent.safeParse({ type: 'unit.exploded' }).success).toBe(false);
    expect(
      ClientMessage.safeParse({ type: 'subscribe', streams: ['units'], since: { units: 4 } }).success,
    ).toBe(true);
    expect(ClientMessage.safeParse({ type: 'subscribe', streams: ['nope'] }).success).toBe(false);
  });
});
