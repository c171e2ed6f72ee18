// The incident on a map with the unit and the way there (along the streets once the server's route is in, dashed
// when it is only an estimate or not in yet), on the offline base map fetched with the device credential.
import type { CrewRoute, GeoPoint } from '@hcm112/shared';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { addBaseLayer, BaseMap } from '../map/base-layer.ts';
import { deviceCall } from './device-api.ts';

export function CrewMap({
  credential,
  target,
  unit,
  route,
}: {
  credential: string;
  target: GeoPoint;
  unit: GeoPoint | null;
  route: CrewRoute | null;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const overlay = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const m = L.map(element.current, { zoomControl: false, attributionControl: false, preferCanvas: true });
    m.setView([target.lat, target.lon], 14);
    map.current = m;
    overlay.current = L.layerGroup().addTo(m);
    addBaseLayer(m, {
      load: () => deviceCall('/map/base', BaseMap, { credential }),
      headers: { 'x-device-credential': credential },
    }).catch(() => {
      // offline: the markers and the line still show where to go
    });
    return () => {
      m.remove();
      map.current = null;
    };
  }, [credential, target.lat, target.lon]);

  const unitLat = unit?.lat;
  const unitLon = unit?.lon;
  useEffect(() => {
    const m = map.current;
    const layer = overlay.current;
    if (!m || !layer) return;
    layer.clearLayers();
    L.circleMarker([target.lat, target.lon], {
      radius: 11,
      color: '#fff',
      weight: 3,
      fillColor: '#e5484d',
      fillOpacity: 1,
    }).addTo(layer);
    if (unitLat !== undefined && unitLon !== undefined) {
      // The route starts where the phone was when it was asked; the unit's marker shows where it is now.
      const way: L.LatLngExpression[] = route
        ? route.path.map(([lon, lat]) => [lat, lon] as [number, number])
        : [
            [unitLat, unitLon],
            [target.lat, target.lon],
          ];
      L.polyline(way, {
        color: '#ffd43b',
        weight: route ? 6 : 4,
        dashArray: route && !route.estimated ? undefined : '8 8',
      }).addTo(layer);
      L.circleMarker([unitLat, unitLon], {
        radius: 9,
        color: '#fff',
        weight: 3,
        fillColor: '#3b82f6',
        fillOpacity: 1,
      }).addTo(layer);
      m.fitBounds(L.latLngBounds([...way, [unitLat, unitLon]]), { padding: [30, 30], maxZoom: 16 });
    }
  }, [target.lat, target.lon, unitLat, unitLon, route]);

  return <div ref={element} className="crew-map" data-testid="crew-map" />;
}
