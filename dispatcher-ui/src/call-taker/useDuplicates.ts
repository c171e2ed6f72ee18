// Open incidents of the same type near where this one is, fetched as soon as both are known.
import type { DuplicateCandidate, GeoPoint, IncidentType } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { fetchDuplicates } from './api.ts';

export function useDuplicates(type: IncidentType | null, point: GeoPoint | null): DuplicateCandidate[] {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const lat = point?.lat;
  const lon = point?.lon;
  useEffect(() => {
    if (!type || lat === undefined || lon === undefined) {
      setCandidates([]);
      return;
    }
    let current = true;
    fetchDuplicates({ lat, lon }, type).then(
      (found) => {
        if (current) setCandidates(found);
      },
      () => {
        if (current) setCandidates([]);
      },
    );
    return () => {
      current = false;
    };
  }, [type, lat, lon]);
  return candidates;
}
