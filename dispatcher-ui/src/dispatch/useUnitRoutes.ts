// The routes and ETAs of the units on their way to the selected incident, asked again when the incident or one
// of its units' status changes, and every few seconds while units drive (the route shortens as they go).
import type { Incident, Unit, UnitRoute } from '@hcm112/shared';
import { useEffect, useMemo, useState } from 'react';
import { fetchUnitRoutes } from './api.ts';

const REFRESH_MS = 10_000;

export function useUnitRoutes(incident: Incident | null, units: Readonly<Record<string, Unit>>): UnitRoute[] {
  const [routes, setRoutes] = useState<{ for: string; list: UnitRoute[] } | null>(null);
  const id = incident?.id ?? null;
  const version = incident?.updatedAt ?? null;
  const statuses = useMemo(
    () => (incident?.assignments ?? []).map((a) => units[a.unitId]?.status ?? '').join(','),
    [incident, units],
  );
  const anyAssigned = (incident?.assignments.length ?? 0) > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `statuses` only trigger a new request
  useEffect(() => {
    if (!id || !anyAssigned) return;
    let current = true;
    const load = () =>
      fetchUnitRoutes(id).then(
        (list) => {
          if (current) setRoutes({ for: id, list });
        },
        // A failed refresh keeps the last routes; the next one tries again.
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [id, version, statuses, anyAssigned]);

  return routes && routes.for === id && anyAssigned ? routes.list : [];
}
