// Placing a location by hand: a map where a click puts the pin and the pin can be dragged, coordinates typed in,
// or a landmark picked from the city's list. Each new point is named by the gazetteer (reverse geocoding).
import type { AddressMatch, GeoPoint } from '@hcm112/shared';
import L from 'leaflet';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import './place.css';
import { addBaseLayer } from '../map/base-layer.ts';
import { HCMC_CENTRE } from '../map/map-layers.ts';
import { fetchLandmarks, placeOf } from './api.ts';

export interface PickedPlace {
  point: GeoPoint;
  /** The address the place is known by: the landmark's name or the gazetteer's words for the point. */
  label: string;
}

const CITY = { minLat: 10.3, maxLat: 11.2, minLon: 106.3, maxLon: 107.1 };

function insideCity(p: GeoPoint): boolean {
  return p.lat >= CITY.minLat && p.lat <= CITY.maxLat && p.lon >= CITY.minLon && p.lon <= CITY.maxLon;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

const PIN = L.divIcon({
  className: 'place-pin',
  html: '<span aria-hidden="true"></span>',
  iconSize: [28, 28],
  iconAnchor: [14, 28],
});

export function PlacePicker({
  initial,
  onChange,
}: {
  initial: GeoPoint | null;
  onChange: (place: PickedPlace | null) => void;
}) {
  const t = useT();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const pin = useRef<L.Marker | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  // The place chosen by hand: none until the pin is moved, whatever the map starts on.
  const [point, setPoint] = useState<GeoPoint | null>(null);
  const [label, setLabel] = useState<string | null>(null);
  const [lat, setLat] = useState(initial ? String(initial.lat) : '');
  const [lon, setLon] = useState(initial ? String(initial.lon) : '');
  const [badCoords, setBadCoords] = useState(false);
  const [landmarks, setLandmarks] = useState<AddressMatch[]>([]);
  const changed = useRef(onChange);
  changed.current = onChange;
  const asked = useRef(0);

  /** Moves the pin to `p`; `known` is the landmark's name, otherwise the gazetteer names the point. */
  const place = useRef((p: GeoPoint, known?: string) => {
    const at = { lat: round(p.lat), lon: round(p.lon) };
    setPoint(at);
    setLat(String(at.lat));
    setLon(String(at.lon));
    setBadCoords(false);
    pin.current?.setLatLng([at.lat, at.lon]);
    const ask = ++asked.current;
    if (known) {
      setLabel(known);
      changed.current({ point: at, label: known });
      return;
    }
    setLabel(null);
    changed.current(null);
    const fallback = `${at.lat}, ${at.lon}`;
    placeOf(at).then(
      (m) => {
        if (ask !== asked.current) return;
        setLabel(m?.label ?? fallback);
        changed.current({ point: at, label: m?.label ?? fallback });
      },
      () => {
        if (ask !== asked.current) return;
        setLabel(fallback);
        changed.current({ point: at, label: fallback });
      },
    );
  });

  useEffect(() => {
    fetchLandmarks().then(setLandmarks, () => {});
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; `initial` only sets its start
  useEffect(() => {
    if (!box.current) return;
    const start: L.LatLngTuple = initial ? [initial.lat, initial.lon] : HCMC_CENTRE;
    const map = L.map(box.current, { attributionControl: false, keyboard: false, zoomControl: true });
    map.setView(start, initial ? 16 : 13);
    mapRef.current = map;
    addBaseLayer(map).catch(() => {});
    const marker = L.marker(start, {
      draggable: true,
      icon: PIN,
      keyboard: false,
      opacity: initial ? 1 : 0.5,
    });
    marker.addTo(map);
    marker.on('dragend', () => {
      const at = marker.getLatLng();
      marker.setOpacity(1);
      place.current({ lat: at.lat, lon: at.lng });
    });
    map.on('click', (e: L.LeafletMouseEvent) => {
      marker.setOpacity(1);
      place.current({ lat: e.latlng.lat, lon: e.latlng.lng });
    });
    pin.current = marker;
    return () => {
      map.remove();
      mapRef.current = null;
      pin.current = null;
    };
  }, []);

  const goToCoordinates = (e?: FormEvent) => {
    e?.preventDefault();
    const p = { lat: Number(lat.replace(',', '.')), lon: Number(lon.replace(',', '.')) };
    if (!lat.trim() || !lon.trim() || !Number.isFinite(p.lat) || !Number.isFinite(p.lon) || !insideCity(p)) {
      setBadCoords(true);
      return;
    }
    pin.current?.setOpacity(1);
    mapRef.current?.setView([p.lat, p.lon], 17);
    place.current(p);
  };

  const pickLandmark = (index: string) => {
    const m = landmarks[Number(index)];
    if (!m) return;
    pin.current?.setOpacity(1);
    mapRef.current?.setView([m.point.lat, m.point.lon], 17);
    place.current(m.point, m.label);
  };

  return (
    <div className="place-picker" data-testid="place-picker">
      <p className="muted place-hint">{t('place.mapHint')}</p>
      <div ref={box} className="place-map" role="application" aria-label={t('place.mapLabel')} />
      <div className="place-inputs">
        <label className="field place-coord">
          <span>{t('place.lat')}</span>
          <input
            inputMode="decimal"
            value={lat}
            aria-invalid={badCoords || undefined}
            aria-describedby={badCoords ? `${id}-bad` : undefined}
            onChange={(e) => setLat(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') goToCoordinates(e);
            }}
          />
        </label>
        <label className="field place-coord">
          <span>{t('place.lon')}</span>
          <input
            inputMode="decimal"
            value={lon}
            aria-invalid={badCoords || undefined}
            onChange={(e) => setLon(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') goToCoordinates(e);
            }}
          />
        </label>
        <button type="button" className="btn" onClick={() => goToCoordinates()}>
          {t('place.setCoordinates')}
        </button>
        <label className="field place-landmark">
          <span>{t('place.landmark')}</span>
          <select value="" onChange={(e) => pickLandmark(e.target.value)}>
            <option value="">{t('place.chooseLandmark')}</option>
            {landmarks.map((m, i) => (
              <option key={`${m.kind}-${m.label}`} value={i}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {badCoords ? (
        <p className="field-error" role="alert" id={`${id}-bad`}>
          {t('place.badCoordinates')}
        </p>
      ) : null}
      <output className="place-chosen" data-testid="place-chosen">
        {point ? (label ? t('place.chosen', { place: label }) : t('place.finding')) : null}
      </output>
    </div>
  );
}
