// What the unit board shows: units filtered by agency, status, ward and callsign, in the order the dispatcher
// chose, each assigned unit with its distance to its incident and (on the way to the selected one) its ETA.
import { Agency, type Incident, type Unit, type UnitRoute, type UnitStatus } from '@hcm112/shared';
import { metresBetween } from '../crew/distance.ts';

export const UNIT_SORTS = ['status', 'callsign', 'eta', 'distance'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

export interface UnitFilter {
  agency: Agency | 'all';
  status: UnitStatus | 'all';
  ward: string | 'all';
  callsign: string;
  sort: UnitSort;
}

export const NO_FILTER: UnitFilter = {
  agency: 'all',
  status: 'all',
  ward: 'all',
  callsign: '',
  sort: 'status',
};

export const AGENCIES = Agency.options;

export interface UnitRow {
  unit: Unit;
  /** Metres in a straight line to the incident the unit is assigned to. */
  distanceM: number | null;
  /** Seconds by road to the selected incident, for the units on their way to it. */
  etaSeconds: number | null;
  etaEstimated: boolean;
}

/** Committed units first (they matter now), then available, then out of service. */
const STATUS_ORDER: Readonly<Record<UnitStatus, number>> = {
  dispatched: 0,
  'en-route': 1,
  'on-scene': 2,
  transporting: 3,
  'at-hospital': 4,
  available: 5,
  'out-of-service': 6,
};

function rowOf(
  unit: Unit,
  incidents: Readonly<Record<string, Incident>>,
  eta: Map<string, UnitRoute>,
): UnitRow {
  const incident = unit.incidentId ? incidents[unit.incidentId] : undefined;
  const route = eta.get(unit.id);
  return {
    unit,
    distanceM:
      incident && unit.position
        ? Math.round(metresBetween(unit.position.point, incident.location.point))
        : null,
    etaSeconds: route ? route.etaSeconds : null,
    etaEstimated: route?.estimated ?? false,
  };
}

/** Missing values sort last whatever the order. */
const byNumber = (a: number | null, b: number | null) =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);

function compare(sort: UnitSort) {
  return (a: UnitRow, b: UnitRow): number => {
    const bySign = a.unit.callsign.localeCompare(b.unit.callsign);
    if (sort === 'callsign') return bySign;
    if (sort === 'eta')
      return byNumber(a.etaSeconds, b.etaSeconds) || byNumber(a.distanceM, b.distanceM) || bySign;
    if (sort === 'distance') return byNumber(a.distanceM, b.distanceM) || bySign;
    return STATUS_ORDER[a.unit.status] - STATUS_ORDER[b.unit.status] || bySign;
  };
}

export function unitBoardRows(
  units: readonly Unit[],
  incidents: Readonly<Record<string, Incident>>,
  routes: readonly UnitRoute[],
  f: UnitFilter,
): UnitRow[] {
  const eta = new Map(routes.map((r) => [r.unitId, r]));
  const sign = f.callsign.trim().toLocaleUpperCase();
  return units
    .filter(
      (u) =>
        (f.agency === 'all' || u.agency === f.agency) &&
        (f.status === 'all' || u.status === f.status) &&
        (f.ward === 'all' || u.ward === f.ward) &&
        (sign === '' || u.callsign.toLocaleUpperCase().includes(sign)),
    )
    .map((u) => rowOf(u, incidents, eta))
    .sort(compare(f.sort));
}

/** The wards units are in, for the ward filter, in Vietnamese alphabetical order. */
export function wardsOf(units: readonly Unit[]): string[] {
  return [...new Set(units.map((u) => u.ward).filter((w): w is string => Boolean(w)))].sort((a, b) =>
    a.localeCompare(b, 'vi'),
  );
}

/** Units per status among those the other filters leave, for the status buttons' counts. */
export function statusCounts(units: readonly Unit[], f: UnitFilter): Partial<Record<UnitStatus, number>> {
  const counts: Partial<Record<UnitStatus, number>> = {};
  for (const row of unitBoardRows(units, {}, [], { ...f, status: 'all' }))
    counts[row.unit.status] = (counts[row.unit.status] ?? 0) + 1;
  return counts;
}
