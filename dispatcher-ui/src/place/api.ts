// The gazetteer calls of placing a location by hand: the named places to pick from, and the words for a point.
import { AddressMatch, type GeoPoint } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';

const LandmarksBody = z.object({ landmarks: z.array(AddressMatch) });
const ReverseBody = z.object({ match: AddressMatch.nullable() });

let landmarks: Promise<AddressMatch[]> | undefined;

/** Landmarks and hospitals change only with a new import: fetched once per page. */
export function fetchLandmarks(): Promise<AddressMatch[]> {
  landmarks ??= get('/addresses/landmarks', LandmarksBody).then(
    (b) => b.landmarks,
    (err: unknown) => {
      landmarks = undefined;
      throw err;
    },
  );
  return landmarks;
}

export async function placeOf(point: GeoPoint): Promise<AddressMatch | null> {
  return (await get(`/addresses/reverse?lat=${point.lat}&lon=${point.lon}`, ReverseBody)).match;
}
