// What the console looks up about a caller once a call is offered: the place named by their location, and
// their earlier calls to the centre.
import type { Call, CallerLocation } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { fetchRecentCalls, reverseGeocode } from './api.ts';

/** The caller's place in words, and whether it lies outside the city (in no ward and no district). */
export interface CallerPlace {
  label: string | null;
  ward: string | null;
  outsideCity: boolean;
}

/** The place named by the caller's location: null until known (or when the lookup failed). */
export function useCallerPlace(location: CallerLocation | null): CallerPlace | null {
  const [place, setPlace] = useState<CallerPlace | null>(null);
  const lat = location?.point.lat;
  const lon = location?.point.lon;
  useEffect(() => {
    setPlace(null);
    if (lat === undefined || lon === undefined) return;
    let current = true;
    reverseGeocode({ lat, lon }).then(
      (match) => {
        if (!current) return;
        setPlace({
          label: match?.label ?? null,
          ward: match?.ward ?? null,
          // The same rule as the dispatch console's warning on an incident: neither a ward nor a district.
          outsideCity: !match?.ward && !match?.district,
        });
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [lat, lon]);
  return place;
}

/** Earlier calls from the number, without the current one; empty for a withheld number. */
export function useEarlierCalls(call: Call): Call[] | null {
  const [calls, setCalls] = useState<Call[] | null>(null);
  const { id, callerNumber } = call;
  useEffect(() => {
    setCalls(null);
    if (!/^\+?[0-9]{2,20}$/.test(callerNumber)) {
      setCalls([]);
      return;
    }
    let current = true;
    fetchRecentCalls(callerNumber).then(
      (found) => {
        if (current) setCalls(found.filter((c) => c.id !== id));
      },
      () => {
        if (current) setCalls([]);
      },
    );
    return () => {
      current = false;
    };
  }, [id, callerNumber]);
  return calls;
}
