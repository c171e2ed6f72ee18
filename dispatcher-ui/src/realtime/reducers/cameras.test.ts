import { describe, expect, it } from 'vitest';
import { at, makeSurfaced, uuid } from '../../test/factories.ts';
import { applyCameraEvent, emptyCameras, loadIncidentCameras } from './cameras.ts';

describe('cameras reducer', () => {
  it('keeps the newest list of cameras surfaced for an incident', () => {
    const incidentId = uuid();
    const newer = [makeSurfaced()];
    let s = applyCameraEvent(emptyCameras, {
      type: 'incident.cameras',
      incidentId,
      cameras: newer,
      computedAt: at(20),
    });
    s = applyCameraEvent(s, { type: 'incident.cameras', incidentId, cameras: [], computedAt: at(10) });
    expect(s.byIncident[incidentId]?.cameras).toEqual(newer);
  });

  it('takes a pin answer at once and still accepts the next computed list', () => {
    const incidentId = uuid();
    const cam = makeSurfaced();
    let s = applyCameraEvent(emptyCameras, {
      type: 'incident.cameras',
      incidentId,
      cameras: [cam],
      computedAt: at(5),
    });
    s = loadIncidentCameras(s, incidentId, [{ ...cam, pinned: true }]);
    expect(s.byIncident[incidentId]?.cameras[0]?.pinned).toBe(true);
    s = applyCameraEvent(s, { type: 'incident.cameras', incidentId, cameras: [], computedAt: at(6) });
    expect(s.byIncident[incidentId]?.cameras).toEqual([]);
  });

  it('marks the registry outdated after a bulk import', () => {
    const s = applyCameraEvent(emptyCameras, { type: 'cameras.imported', created: 10, updated: 0 });
    expect(s.registryOutdated).toBe(true);
  });
});
