// The dispatcher's full-height map: offline base map, incidents, units moving live, stations, cameras and
// alerts, with layer switches and a legend; Leaflet is driven imperatively so events never rebuild markers.
import type { Camera, CameraAlert, Incident, Station, SurfacedCamera, Unit } from '@hcm112/shared';
import { INCIDENT_TYPES } from '@hcm112/shared';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useLang, useT } from '../i18n/i18n.tsx';
import { useRealtimeClient } from '../realtime/RealtimeProvider.tsx';
import { addBaseLayer } from './base-layer.ts';
import { MapLegend } from './MapLegend.tsx';
import { MapToggles, type OverlayName } from './MapToggles.tsx';
import { alertLayer, cameraLayer, incidentLayer, stationLayer, viewCone } from './overlays.ts';
import { UnitLayer, type UnitMoveObserver } from './unit-layer.ts';

export interface DispatchMapProps {
  incidents: readonly Incident[];
  units: Readonly<Record<string, Unit>>;
  stations: readonly Station[];
  cameras: Readonly<Record<string, Camera>>;
  alerts: readonly CameraAlert[];
  surfaced: readonly SurfacedCamera[];
  selectedIncidentId: string | null;
  onSelectIncident: (id: string) => void;
  onSelectAlert: (id: string) => void;
  onSelectUnit: (id: string) => void;
}

const HCMC_CENTRE: L.LatLngTuple = [10.7769, 106.7009];

type MapProbeWindow = Window & { __hcm112MapProbe?: UnitMoveObserver };

type Layers = ReturnType<typeof createLayers>;

interface Labels {
  incident: (i: Incident) => string;
  alert: (a: CameraAlert) => string;
  unit: (u: Unit) => string;
}

function createLayers(map: L.Map, handlers: { current: DispatchMapProps }, labels: { current: Labels }) {
  // Two canvases: moving units redraw theirs every animation frame, the many still cameras and stations not.
  const renderer = L.canvas({ padding: 0.3 });
  const unitRenderer = L.canvas({ padding: 0.3 });
  const selected = { current: null as string | null };
  const incidents = incidentLayer(
    (i) => labels.current.incident(i),
    (id) => id === selected.current,
    (id) => handlers.current.onSelectIncident(id),
  );
  const alerts = alertLayer(
    (a) => labels.current.alert(a),
    (id) => handlers.current.onSelectAlert(id),
  );
  const stations = stationLayer(renderer);
  const cameras = cameraLayer(renderer);
  const cones = L.layerGroup();
  const units = new UnitLayer(
    map,
    unitRenderer,
    (u) => labels.current.unit(u),
    (id) => handlers.current.onSelectUnit(id),
  );
  cameras.group.addTo(map);
  stations.group.addTo(map);
  cones.addTo(map);
  alerts.group.addTo(map);
  incidents.group.addTo(map);
  return { renderer, selected, incidents, alerts, stations, cameras, cones, units };
}

export function DispatchMap(props: DispatchMapProps) {
  const t = useT();
  const { lang } = useLang();
  const client = useRealtimeClient();
  const host = useRef<HTMLDivElement>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [layers, setLayers] = useState<Layers | null>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [visible, setVisible] = useState<Record<OverlayName, boolean>>({
    units: true,
    stations: true,
    cameras: true,
    alerts: true,
  });
  const labels = useRef<Labels>({ incident: () => '', alert: () => '', unit: () => '' });
  labels.current = {
    incident: (i) => INCIDENT_TYPES[i.type].subtypes[i.subtype]?.[lang] ?? INCIDENT_TYPES[i.type].label[lang],
    alert: (a) => t(`alert.kind.${a.kind}`),
    unit: (u) => `${u.callsign} · ${t(`status.${u.status}`)}`,
  };

  useEffect(() => {
    if (!host.current) return;
    const m = L.map(host.current, { center: HCMC_CENTRE, zoom: 13, zoomControl: true, preferCanvas: true });
    m.attributionControl.setPrefix(false);
    void addBaseLayer(m).catch(() => undefined);
    const created = createLayers(m, handlers, labels);
    // The map benchmark (e2e/src/bench/ui-map.ts) installs this probe before the page loads.
    created.units.onMoved = (window as MapProbeWindow).__hcm112MapProbe ?? null;
    setLayers(created);
    setMap(m);
    return () => {
      created.units.destroy();
      m.remove();
      setLayers(null);
      setMap(null);
    };
  }, []);

  // Position reports go from the socket to the markers, not through React.
  useEffect(() => {
    if (!layers) return;
    return client.onEvent((env) => {
      if (env.event.type === 'unit.position') layers.units.move(env.event.unitId, env.event.position);
    });
  }, [client, layers]);

  useEffect(() => layers?.units.sync(props.units), [layers, props.units]);
  useEffect(() => {
    if (!layers) return;
    layers.stations.sync(Object.fromEntries(props.stations.map((s) => [s.id, s])));
  }, [layers, props.stations]);
  useEffect(() => layers?.cameras.sync(props.cameras), [layers, props.cameras]);
  useEffect(() => {
    layers?.alerts.sync(Object.fromEntries(props.alerts.map((a) => [a.id, a])));
  }, [layers, props.alerts]);

  const { selectedIncidentId, incidents, surfaced } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels read through a ref follow the language
  useEffect(() => {
    if (!layers) return;
    const previous = layers.selected.current;
    layers.selected.current = selectedIncidentId;
    if (previous) layers.incidents.invalidate(previous);
    if (selectedIncidentId) layers.incidents.invalidate(selectedIncidentId);
    layers.incidents.sync(Object.fromEntries(incidents.map((i) => [i.id, i])));
  }, [layers, incidents, selectedIncidentId, lang]);

  // Bring the selected incident into view without jumping when it already is.
  useEffect(() => {
    if (!map || !selectedIncidentId) return;
    const i = incidents.find((x) => x.id === selectedIncidentId);
    if (!i) return;
    const at = L.latLng(i.location.point.lat, i.location.point.lon);
    if (!map.getBounds().pad(-0.15).contains(at)) map.panTo(at);
  }, [map, selectedIncidentId, incidents]);

  useEffect(() => {
    if (!layers) return;
    layers.cones.clearLayers();
    for (const c of surfaced) {
      if (c.hidden) continue;
      L.polygon(viewCone(c), {
        renderer: layers.renderer,
        color: c.pinned ? '#ffd43b' : '#4db8ff',
        weight: 1.5,
        fillOpacity: 0.12,
        interactive: false,
      }).addTo(layers.cones);
    }
  }, [layers, surfaced]);

  useEffect(() => {
    if (!map || !layers) return;
    const groups: Record<OverlayName, L.Layer> = {
      units: layers.units.layer,
      stations: layers.stations.group,
      cameras: layers.cameras.group,
      alerts: layers.alerts.group,
    };
    for (const [name, group] of Object.entries(groups) as [OverlayName, L.Layer][]) {
      if (visible[name] && !map.hasLayer(group)) map.addLayer(group);
      if (!visible[name] && map.hasLayer(group)) map.removeLayer(group);
    }
  }, [map, layers, visible]);

  return (
    <div className="map-wrap">
      <div ref={host} className="map" role="application" aria-label={t('map.label')} />
      <MapToggles visible={visible} onToggle={(name) => setVisible((v) => ({ ...v, [name]: !v[name] }))} />
      <MapLegend />
    </div>
  );
}
