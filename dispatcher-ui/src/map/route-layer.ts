// The routes of the units on their way to the selected incident: a line along the streets (dashed when the time
// is a straight-line estimate) and a label with the unit and its ETA at the unit's end.
import type { UnitRoute } from '@hcm112/shared';
import L from 'leaflet';
import { UNIT_STATUS_COLOR } from './colors.ts';

const drawn = new WeakMap<L.LayerGroup, string>();

export function drawRoutes(
  group: L.LayerGroup,
  renderer: L.Renderer,
  routes: readonly UnitRoute[],
  label: (r: UnitRoute) => string,
): void {
  // Unchanged routes are left as drawn: a redrawn label fades out for 200 ms beside its copy.
  const signature = JSON.stringify(
    routes.map((r) => [r.unitId, r.status, r.etaSeconds, r.estimated, r.path.length, label(r)]),
  );
  if (drawn.get(group) === signature) return;
  drawn.set(group, signature);
  group.clearLayers();
  for (const r of routes) {
    const points = r.path.map(([lon, lat]) => L.latLng(lat, lon));
    if (points.length < 2) continue;
    // A dark casing under the line keeps it readable over streets of any colour.
    L.polyline(points, { renderer, color: '#111418', weight: 8, opacity: 0.8, interactive: false }).addTo(
      group,
    );
    L.polyline(points, {
      renderer,
      color: UNIT_STATUS_COLOR[r.status],
      weight: 4,
      dashArray: r.estimated ? '10 8' : undefined,
      interactive: false,
    }).addTo(group);
    L.tooltip({ permanent: true, direction: 'right', offset: [10, 0], className: 'route-label' })
      .setLatLng(points[0]!)
      .setContent(label(r))
      .addTo(group);
  }
}
