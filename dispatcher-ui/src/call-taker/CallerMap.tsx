// A small map of where the caller is: the offline base map (ward outlines and named streets, or the city's
// tile server when one is configured), the reported point, the area the network described (an RFC 5491 shape:
// cell sector, ellipse, polygon) and the circle of its uncertainty. While the call is in hand the call-taker can
// drag the caller's pin, or mark a spot (a click, or the map moved with the arrow keys) and set the location there.
import type { CallerLocation, GeoPoint } from '@hcm112/shared';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { addBaseLayer } from '../map/base-layer.ts';
import { useT } from '../i18n/i18n.tsx';

const DEFAULT_ZOOM = 16;
const PAN_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
const round = (n: number) => Math.round(n * 1e6) / 1e6;

const PIN = L.divIcon({ className: 'caller-pin', iconSize: [22, 22], iconAnchor: [11, 11] });
const MARK = L.divIcon({ className: 'caller-mark', iconSize: [26, 26], iconAnchor: [13, 13] });

function drawUncertainty(
  marks: L.FeatureGroup,
  location: CallerLocation,
  hasShape: boolean,
): L.Circle | null {
  if (!location.accuracyM) return null;
  // Dashed when a shape is drawn too: the circle is then only the radius that covers it.
  return L.circle([location.point.lat, location.point.lon], {
    radius: location.accuracyM,
    color: '#ffd43b',
    weight: 2,
    dashArray: hasShape ? '6 6' : undefined,
    fillOpacity: hasShape ? 0 : 0.15,
    className: 'caller-uncertainty',
  }).addTo(marks);
}

export interface CallerMapProps {
  location: CallerLocation;
  /** Records where the call-taker puts the caller (the pin dragged, or "set location here"); absent: look only. */
  onPlace?: (point: GeoPoint) => void;
  /** A location is being recorded: the button waits. */
  placing?: boolean;
}

export function CallerMap({ location, onPlace, placing = false }: CallerMapProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const place = useRef(onPlace);
  place.current = onPlace;
  const placeable = onPlace !== undefined;
  // The spot marked on the map for "set location here", and its marker.
  const [mark, setMark] = useState<GeoPoint | null>(null);
  const markLayer = useRef<L.Marker | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const pinRef = useRef<L.Marker | null>(null);
  const { lat, lon } = location.point;
  const accuracy = location.accuracyM;
  const polygon = location.shape?.geometry.type === 'Polygon' ? location.shape.geometry : null;
  const kind = location.shape?.kind ?? 'point';
  // The vertices as text: a new object with the same vertices does not redraw the map.
  const shapeKey = polygon ? JSON.stringify(polygon.coordinates) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again only when what is drawn changes.
  useEffect(() => {
    const geometry: GeoJSON.Polygon | null = shapeKey
      ? { type: 'Polygon', coordinates: JSON.parse(shapeKey) as GeoJSON.Position[][] }
      : null;
    if (!box.current) return;
    setMark(null);
    // The keyboard moves the map only where the call-taker can mark a spot with it.
    const map = L.map(box.current, { zoomControl: true, attributionControl: true, keyboard: placeable });
    mapRef.current = map;
    // Made again while it has the focus (the pin was just dragged: Leaflet focuses the map on a press), the map
    // would never hear that focus and ignore the arrow keys: give it the focus anew.
    if (document.activeElement === box.current) {
      box.current.blur();
      box.current.focus({ preventScroll: true });
    }
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
    const circle = drawUncertainty(marks, location, geometry !== null);
    if (circle) map.fitBounds(circle.getBounds(), { maxZoom: 18, padding: [12, 12], animate: false });
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
    const pin = L.marker([lat, lon], {
      icon: PIN,
      draggable: placeable,
      keyboard: false,
      title: placeable ? t('callerMap.dragPin') : '',
    }).addTo(map);
    pinRef.current = pin;
    pin.on('dragend', () => {
      const at = pin.getLatLng();
      place.current?.({ lat: round(at.lat), lon: round(at.lng) });
    });
    if (placeable) markSpots(map, (p) => setMark(p));
    return () => {
      alive = false;
      markLayer.current = null;
      mapRef.current = null;
      pinRef.current = null;
      map.remove();
    };
  }, [lat, lon, accuracy, shapeKey, kind, placeable]);

  // Once recorded, a pin dragged where the location in use does not follow (an older fix much more precise stays
  // in use) goes back to the location in use.
  useEffect(() => {
    if (!placing) pinRef.current?.setLatLng([lat, lon]);
  }, [placing, lat, lon]);

  // The marked spot drawn as a ring, on the map that is there now.
  useEffect(() => {
    markLayer.current?.remove();
    markLayer.current = null;
    if (mark && mapRef.current)
      markLayer.current = L.marker([mark.lat, mark.lon], { icon: MARK, interactive: false }).addTo(
        mapRef.current,
      );
  }, [mark]);

  return (
    <div className="caller-map-wrap">
      <div
        ref={box}
        className="caller-map"
        // Not an image: it holds the zoom buttons, which an image would hide from assistive technology (as the other maps).
        role="application"
        aria-label={t('calltaker.mapLabel', { lat: lat.toFixed(5), lon: lon.toFixed(5) })}
        aria-describedby={placeable ? 'caller-map-hint' : undefined}
      />
      {placeable ? (
        <div className="caller-map-tools">
          <button
            type="button"
            className="btn btn-small"
            disabled={!mark || placing}
            onClick={() => {
              if (mark) onPlace?.(mark);
              setMark(null);
            }}
          >
            {t('callerMap.setHere')}
          </button>
          <span id="caller-map-hint" className="muted caller-map-hint">
            {mark
              ? t('callerMap.marked', { lat: mark.lat.toFixed(5), lon: mark.lon.toFixed(5) })
              : t('callerMap.hint')}
          </span>
        </div>
      ) : null}
    </div>
  );
}

/** A click marks its spot; the map moved by hand (dragged, or the arrow keys) marks its new centre. */
function markSpots(map: L.Map, onMark: (p: GeoPoint) => void): void {
  let moved = false;
  const centre = () => {
    const c = map.getCenter();
    onMark({ lat: round(c.lat), lon: round(c.lng) });
  };
  map.on('click', (e: L.LeafletMouseEvent) => onMark({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }));
  map.on('dragstart', () => {
    moved = true;
  });
  map.on('keydown', (e: L.LeafletKeyboardEvent) => {
    if (PAN_KEYS.has(e.originalEvent.key)) moved = true;
  });
  map.on('moveend', () => {
    if (!moved) return;
    moved = false;
    centre();
  });
}
