// A small map of where the caller is: the offline base map (ward outlines and named streets, or the city's
// tile server when one is configured), the reported point, the area the network described (an RFC 5491 shape:
// cell sector, ellipse, polygon) and the circle of its uncertainty.
import type { CallerLocation } from '@hcm112/shared';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { addBaseLayer } from '../map/base-layer.ts';
import { useT } from '../i18n/i18n.tsx';

const DEFAULT_ZOOM = 16;

export function CallerMap({ location }: { location: CallerLocation }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const { lat, lon } = location.point;
  const accuracy = location.accuracyM;
  const polygon = location.shape?.geometry.type === 'Polygon' ? location.shape.geometry : null;
  const kind = location.shape?.kind ?? 'point';
  // The vertices as text: a new object with the same vertices does not redraw the map.
  const shapeKey = polygon ? JSON.stringify(polygon.coordinates) : '';
  useEffect(() => {
    const geometry: GeoJSON.Polygon | null = shapeKey
      ? { type: 'Polygon', coordinates: JSON.parse(shapeKey) as GeoJSON.Position[][] }
      : null;
    if (!box.current) return;
    const map = L.map(box.current, { zoomControl: true, attributionControl: true, keyboard: false });
    map.attributionControl.setPrefix(false);
    map.setView([lat, lon], DEFAULT_ZOOM);
    // A scale bar: the size of the uncertainty circle means something only against a known length.
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    let alive = true;
    addBaseLayer(map).then(
      (layer) => {
        if (!alive) layer.remove();
        else marks.bringToFront();
      },
      () => {},
    );
    const marks = L.featureGroup().addTo(map);
    if (accuracy) {
      // Dashed when a shape is drawn too: the circle is then only the radius that covers it.
      const circle = L.circle([lat, lon], {
        radius: accuracy,
        color: '#ffd43b',
        weight: 2,
        dashArray: geometry ? '6 6' : undefined,
        fillOpacity: geometry ? 0 : 0.15,
        className: 'caller-uncertainty',
      }).addTo(marks);
      map.fitBounds(circle.getBounds(), { maxZoom: 17, padding: [12, 12] });
    }
    if (geometry) {
      L.geoJSON(geometry, {
        style: {
          color: '#ff922b',
          weight: 3,
          fillColor: '#ff922b',
          fillOpacity: 0.25,
          className: `caller-shape caller-shape-${kind}`,
        },
        interactive: false,
      }).addTo(marks);
    }
    L.circleMarker([lat, lon], {
      radius: 8,
      color: '#fff',
      weight: 3,
      fillColor: '#ff5c5c',
      fillOpacity: 1,
    }).addTo(marks);
    return () => {
      alive = false;
      map.remove();
    };
  }, [lat, lon, accuracy, shapeKey, kind]);
  return (
    <div className="caller-map-wrap">
      <div
        ref={box}
        className="caller-map"
        // Not an image: it holds the zoom buttons, which an image would hide from assistive technology (as the other maps).
        role="application"
        aria-label={t('calltaker.mapLabel', { lat: lat.toFixed(5), lon: lon.toFixed(5) })}
      />
    </div>
  );
}
