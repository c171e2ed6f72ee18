// The crew's way to the incident it is assigned to along the streets (GET /api/device/route), asked again when the phone has moved
// 150 m since the last answer or every 30 s; null while unknown or offline (the screen then shows the straight line).
import { CrewRoute, type GeoPoint } from '@hcm112/shared';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { deviceCall } from './device-api.ts';
import { metresBetween } from './distance.ts';

const Answer = z.object({ route: CrewRoute.nullable() });
const MOVED_METRES = 150;
const REFRESH_MS = 30_000;

export function useCrewRoute(
  credential: string,
  incidentId: string | null,
  here: GeoPoint | null,
): CrewRoute | null {
  const [answer, setAnswer] = useState<{ incidentId: string; route: CrewRoute | null } | null>(null);
  const asked = useRef<{ incidentId: string; at: GeoPoint; time: number } | null>(null);
  const lat = here?.lat;
  const lon = here?.lon;

  useEffect(() => {
    if (!incidentId || lat === undefined || lon === undefined) return;
    const at = { lat, lon };
    const last = asked.current;
    const fresh =
      last?.incidentId === incidentId &&
      metresBetween(last.at, at) < MOVED_METRES &&
      Date.now() - last.time < REFRESH_MS;
    if (fresh) return;
    asked.current = { incidentId, at, time: Date.now() };
    let alive = true;
    deviceCall(`/device/route?lat=${lat}&lon=${lon}`, Answer, { credential }).then(
      (got) => alive && setAnswer({ incidentId, route: got.route }),
      () => {
        // offline or refused: keep the last route, or the straight line
      },
    );
    return () => {
      alive = false;
    };
  }, [credential, incidentId, lat, lon]);

  // A route asked for another incident is never shown for this one.
  return answer && answer.incidentId === incidentId ? answer.route : null;
}
