// The routes of the units on their way to the selected incident: a line along the streets (dashed when the time
// is a straight-line estimate) and a label with the unit and its ETA at the unit's end.
import type { UnitRoute } from '@hcm112/shared';
import L from 'leaflet';
import { UNIT_STATUS_COLOR } from './colors.ts';

export function drawRoutes(
  group: L.LayerGroup,
  renderer: L.Renderer,
  routes: readonly UnitRoute[],
  label: (r: UnitRoute) => string,
): void {
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
    L.circleMarker(points[0]!, { renderer, radius: 1, opacity: 0, fillOpacity: 0, interactive: false })
      .bindTooltip(label(r), {
        permanent: true,
        direction: 'right',
        offset: [10, 0],
        className: 'route-label',
      })
      .addTo(group);
  }
}
