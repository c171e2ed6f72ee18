// How the crew app's view follows what its socket pushes: the newest unit, and the incident only while the unit
// is assigned to it (an incident event can come before the unit's own, and a recall removes it).
import type { CrewView, DeviceMessage } from '@hcm112/shared';

function newer<T extends { updatedAt: string }>(current: T | null, next: T): boolean {
  return !current || next.updatedAt >= current.updatedAt;
}

/** Applies a pushed message: the unit as it is now, and the incident only while this unit is assigned to it. */
export function applyMessage(view: CrewView, m: DeviceMessage): CrewView {
  if (m.type === 'unit') {
    if (!newer(view.unit, m.unit)) return view;
    return { ...view, unit: m.unit, incident: m.unit.incidentId ? view.incident : null };
  }
  const mine = m.incident.assignments.some((a) => a.unitId === view.unit.id);
  if (view.incident?.id === m.incident.id) {
    if (!mine) return { ...view, incident: null };
    return newer(view.incident, m.incident) ? { ...view, incident: m.incident } : view;
  }
  return mine ? { ...view, incident: m.incident } : view;
}
