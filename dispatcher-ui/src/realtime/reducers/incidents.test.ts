import { describe, expect, it } from 'vitest';
import { at, makeIncident } from '../../test/factories.ts';
import { applyIncidentEvent, emptyIncidents, loadIncidents, openIncidentsByPriority } from './incidents.ts';

describe('incidents reducer', () => {
  it('lists open incidents by priority, then oldest first', () => {
    const routine = makeIncident({ priority: 3, createdAt: at(0) });
    const urgentNew = makeIncident({ priority: 9, createdAt: at(60) });
    const urgentOld = makeIncident({ priority: 9, createdAt: at(10) });
    let s = emptyIncidents;
    for (const incident of [routine, urgentNew, urgentOld]) {
      s = applyIncidentEvent(s, { type: 'incident.created', incident });
    }
    expect(openIncidentsByPriority(s).map((i) => i.id)).toEqual([urgentOld.id, urgentNew.id, routine.id]);
  });

  it('removes a closed incident from the open list', () => {
    const i = makeIncident();
    const s = applyIncidentEvent(loadIncidents([i]), {
      type: 'incident.updated',
      incident: { ...i, status: 'closed', updatedAt: at(100), closedAt: at(100) },
    });
    expect(openIncidentsByPriority(s)).toEqual([]);
  });

  it('keeps the newer version when an older update arrives after it', () => {
    const i = makeIncident({ updatedAt: at(50), status: 'dispatched' });
    const s = loadIncidents([i]);
    const after = applyIncidentEvent(s, {
      type: 'incident.updated',
      incident: { ...i, status: 'new', updatedAt: at(10) },
    });
    expect(after[i.id]?.status).toBe('dispatched');
  });
});
