// What the console looks up about a caller once a call is offered: the place named by their location, and
// their earlier calls to the centre.
import type { Call, CallerLocation } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { fetchRecentCalls, reverseGeocode } from './api.ts';

export function useCallerPlace(location: CallerLocation | null): string | null {
  const [place, setPlace] = useState<string | null>(null);
  const lat = location?.point.lat;
  const lon = location?.point.lon;
  useEffect(() => {
    setPlace(null);
    if (lat === undefined || lon === undefined) return;
    let current = true;
    reverseGeocode({ lat, lon }).then(
      (match) => {
        if (current && match) setPlace(match.label);
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
