// The dispatcher's full-height map: offline base map, incidents, units moving live, stations, cameras and
// alerts, with layer switches and a legend; Leaflet is driven imperatively so events never rebuild markers.
import type { Camera, CameraAlert, Incident, Station, SurfacedCamera, Unit, UnitRoute } from '@hcm112/shared';
import { INCIDENT_TYPES } from '@hcm112/shared';
import { useRef, useState } from 'react';
import { useLang, useT } from '../i18n/i18n.tsx';
import { etaText } from '../dispatch/eta-text.ts';
import type { Labels } from './map-layers.ts';
import { MapLegend } from './MapLegend.tsx';
import { MapToggles, type OverlayName } from './MapToggles.tsx';
import { useMapLayers, useOverlaySync } from './useMapLayers.ts';

export interface DispatchMapProps {
  incidents: readonly Incident[];
  units: Readonly<Record<string, Unit>>;
  stations: readonly Station[];
  cameras: Readonly<Record<string, Camera>>;
  alerts: readonly CameraAlert[];
  surfaced: readonly SurfacedCamera[];
  /** Routes of the units on their way to the selected incident. */
  routes: readonly UnitRoute[];
  selectedIncidentId: string | null;
  onSelectIncident: (id: string) => void;
  onSelectAlert: (id: string) => void;
  onSelectUnit: (id: string) => void;
  /** Whether the map is enlarged over the unit board, and how to switch. */
  large: boolean;
  onToggleLarge: () => void;
}

export function DispatchMap(props: DispatchMapProps) {
  const t = useT();
  const { lang } = useLang();
  const host = useRef<HTMLDivElement>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [visible, setVisible] = useState<Record<OverlayName, boolean>>({
    units: true,
    stations: true,
    cameras: true,
    alerts: true,
  });
  const labels = useRef<Labels>({ incident: () => '', alert: () => '', unit: () => '', route: () => '' });
  labels.current = {
    incident: (i) =>
      `${t('priority.label', { priority: i.priority })} ${INCIDENT_TYPES[i.type].subtypes[i.subtype]?.[lang] ?? INCIDENT_TYPES[i.type].label[lang]}`,
    alert: (a) => t(`alert.kind.${a.kind}`),
    unit: (u) => `${u.callsign} · ${t(`status.${u.status}`)}`,
    route: (r) => `${r.callsign} · ${etaText(t, r.etaSeconds, r.estimated)}`,
  };

  const { map, layers } = useMapLayers(host, handlers, labels);
  useOverlaySync(map, layers, props, lang, visible, labels.current);

  return (
    <div className="map-wrap">
      <div ref={host} className="map" role="application" aria-label={t('map.label')} />
      <MapToggles visible={visible} onToggle={(name) => setVisible((v) => ({ ...v, [name]: !v[name] }))} />
      <MapLegend />
      <button
        type="button"
        className="btn btn-small map-enlarge"
        aria-pressed={props.large}
        onClick={props.onToggleLarge}
      >
        <span aria-hidden="true">{props.large ? '⤡ ' : '⤢ '}</span>
        {t(props.large ? 'mapSize.shrink' : 'mapSize.enlarge')}
      </button>
    </div>
  );
}
