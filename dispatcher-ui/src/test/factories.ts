// Small factories of valid domain objects for component and reducer tests; each call gives a fresh id.
import type { CameraAlert, Call, Incident, SurfacedCamera, Unit } from '@hcm112/shared';

let counter = 0;

export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export function at(secondsAfter: number): string {
  return new Date(Date.UTC(2026, 0, 1, 3, 0, 0) + secondsAfter * 1000).toISOString();
}

export function makeCall(over: Partial<Call> = {}): Call {
  return {
    id: uuid(),
    sipCallId: `sip-${counter}`,
    callerNumber: '+84901234567',
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    channel: 'voice',
    state: 'queued',
    arrivedAt: at(0),
    offeredAt: null,
    answeredAt: null,
    endedAt: null,
    endedBy: null,
    agentUserId: null,
    location: null,
    locationChoice: null,
    ward: null,
    locationByReference: false,
    incidentId: null,
    callbackAt: null,
    overflowTo: null,
    overflowReason: null,
    refusal: null,
    ...over,
  };
}

export function makeIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: uuid(),
    number: `HCM-2026-${String(counter).padStart(6, '0')}`,
    type: 'fire',
    subtype: 'structure-fire',
    priority: 9,
    status: 'new',
    disposition: null,
    location: { point: { lat: 10.772, lon: 106.698 }, address: 'Chợ Bến Thành', district: null, ward: null },
    callerNumbers: [],
    callIds: [],
    notes: [],
    assignments: [],
    createdAt: at(0),
    updatedAt: at(0),
    closedAt: null,
    createdBy: null,
    ...over,
  };
}

export function makeUnit(over: Partial<Unit> = {}): Unit {
  return {
    id: uuid(),
    callsign: `FE-${counter}`,
    agency: 'fire',
    kind: 'fire-engine',
    capabilities: ['fire-suppression'],
    stationId: null,
    status: 'available',
    position: { point: { lat: 10.77, lon: 106.69 }, heading: null, speedKmh: null, at: at(0) },
    positionStale: false,
    ward: null,
    incidentId: null,
    updatedAt: at(0),
    ...over,
  };
}

export function makeSurfaced(over: Partial<SurfacedCamera> = {}): SurfacedCamera {
  return {
    cameraId: uuid(),
    code: `CAM-${counter}`,
    name: 'Lê Lợi - Pasteur',
    point: { lat: 10.773, lon: 106.699 },
    bearingDeg: 90,
    fovDeg: 90,
    rangeM: 200,
    layer: 'mid',
    ptz: false,
    online: true,
    streamKind: 'hls',
    distanceM: 120,
    inCone: true,
    score: 70,
    pinned: false,
    hidden: false,
    ...over,
  };
}

export function makeAlert(over: Partial<CameraAlert> = {}): CameraAlert {
  return {
    id: uuid(),
    cameraId: uuid(),
    cameraCode: 'CAM-0001',
    cameraName: 'Bến Thành',
    point: { lat: 10.772, lon: 106.698 },
    kind: 'smoke-fire',
    status: 'open',
    confidence: 0.9,
    firstAt: at(0),
    lastAt: at(0),
    count: 1,
    sourceName: 'demo-analytics',
    incidentId: null,
    snapshotAt: null,
    ...over,
  };
}
