import type { CrewView } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { at, makeIncident, makeUnit } from '../test/factories.ts';
import { applyMessage } from './crew-view-state.ts';

const settings = { positionIntervalSeconds: 10, ackTimeoutSeconds: 30 };

function assigned(unitId: string, updatedAt = at(10)) {
  return makeIncident({
    updatedAt,
    assignments: [
      {
        unitId,
        callsign: 'CC-01-01',
        kind: 'ambulance-als',
        status: 'dispatched',
        assignedAt: at(10),
        etaSeconds: null,
        distanceM: null,
        acknowledgedAt: null,
      },
    ],
  });
}

describe('crew view state', () => {
  it('shows an incident that assigns this unit even before the unit event says so', () => {
    const unit = makeUnit({ updatedAt: at(0) });
    const view: CrewView = { unit, incident: null, settings };
    const incident = assigned(unit.id);
    expect(applyMessage(view, { type: 'incident', incident }).incident?.id).toBe(incident.id);
  });

  it('ignores incidents of other units and older copies of its own', () => {
    const unit = makeUnit({ updatedAt: at(0) });
    const mine = assigned(unit.id, at(20));
    const view: CrewView = { unit, incident: mine, settings };
    expect(applyMessage(view, { type: 'incident', incident: assigned(makeUnit().id) }).incident).toBe(mine);
    const older = { ...mine, notes: [], updatedAt: at(5) };
    expect(applyMessage(view, { type: 'incident', incident: older }).incident).toBe(mine);
  });

  it('drops the incident when the unit is released or taken off it', () => {
    const unit = makeUnit({ updatedAt: at(0), incidentId: null });
    const incident = assigned(unit.id);
    const view: CrewView = { unit: { ...unit, incidentId: incident.id }, incident, settings };
    const released = applyMessage(view, {
      type: 'unit',
      unit: { ...unit, status: 'available', updatedAt: at(30) },
    });
    expect(released.incident).toBeNull();
    const recalled = applyMessage(view, {
      type: 'incident',
      incident: { ...incident, assignments: [], updatedAt: at(31) },
    });
    expect(recalled.incident).toBeNull();
  });
});
