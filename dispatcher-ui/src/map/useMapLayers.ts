// Keeps the Leaflet map in step with React state: markers are created once and then moved or restyled, unit
// positions come straight from the socket, and overlays switch on and off.
import Leaflet from 'leaflet';
import type L from 'leaflet';
import type { Incident } from '@hcm112/shared';
import { type RefObject, useEffect, useState } from 'react';
import type { Lang } from '../i18n/define.ts';
import { useRealtimeClient } from '../realtime/RealtimeProvider.tsx';
import { addBaseLayer } from './base-layer.ts';
import type { DispatchMapProps } from './DispatchMap.tsx';
import { createLayers, HCMC_CENTRE, type Labels, type MapLayers, type MapProbeWindow } from './map-layers.ts';
import type { OverlayName } from './MapToggles.tsx';
import { viewCone } from './overlays.ts';
import { drawRoutes } from './route-layer.ts';

export function useMapLayers(
  host: RefObject<HTMLDivElement | null>,
  handlers: { current: DispatchMapProps },
  labels: { current: Labels },
): { map: L.Map | null; layers: MapLayers | null } {
  const [layers, setLayers] = useState<MapLayers | null>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  // One map per mounted element: the refs are read when it is created and stay the same objects afterwards.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; handlers and labels are refs
  useEffect(() => {
    if (!host.current) return;
    const m = Leaflet.map(host.current, {
      center: HCMC_CENTRE,
      zoom: 13,
      // Set here, not only by the base layer that loads later: the camera clusters need it from the start.
      maxZoom: 20,
      zoomControl: true,
      preferCanvas: true,
    });
    m.attributionControl.setPrefix(false);
    void addBaseLayer(m).catch(() => undefined);
    const created = createLayers(m, handlers, labels);
    // The map benchmark (e2e/src/bench/ui-map.ts) installs this probe before the page loads.
    created.units.onMoved = (window as MapProbeWindow).__e112MapProbe ?? null;
    setLayers(created);
    setMap(m);
    // What the map shows, readable from the page (browser tests check the framing of an incident with it).
    const el = host.current;
    const sayView = () => {
      el.dataset.zoom = String(m.getZoom());
      el.dataset.bounds = m.getBounds().toBBoxString();
    };
    m.on('moveend zoomend', sayView);
    sayView();
    // The map changes size when enlarged or when the window does: Leaflet must be told.
    const resized = new ResizeObserver(() => m.invalidateSize({ pan: false }));
    resized.observe(el);
    return () => {
      resized.disconnect();
      created.units.destroy();
      m.remove();
      setLayers(null);
      setMap(null);
    };
  }, []);

  return { map, layers };
}

/** What decides the frame of an incident: which incident and which units are assigned to it. */
function frameKey(incident: Incident | undefined): string | null {
  if (!incident) return null;
  return [incident.id, ...incident.assignments.map((a) => a.unitId).sort()].join(',');
}

const FRAME_MAX_ZOOM = 16;

/** Pans and zooms to the incident and the units assigned to it (those with a position on the map). */
function frameIncident(map: L.Map, layers: MapLayers, incident: Incident): void {
  const at = Leaflet.latLng(incident.location.point.lat, incident.location.point.lon);
  const bounds = Leaflet.latLngBounds([at, at]);
  for (const a of incident.assignments) {
    const p = layers.units.positionOf(a.unitId);
    if (p) bounds.extend(p);
  }
  map.fitBounds(bounds, { maxZoom: FRAME_MAX_ZOOM, animate: false, padding: [48, 48] });
}

export function useOverlaySync(
  map: L.Map | null,
  layers: MapLayers | null,
  props: DispatchMapProps,
  lang: Lang,
  visible: Readonly<Record<OverlayName, boolean>>,
  labels: Labels,
): void {
  const client = useRealtimeClient();
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

  // Frame the selected incident with its units: once when it is selected and again when its units change, not
  // at every move (the dispatcher may be panning meanwhile).
  const framing = selectedIncidentId ? frameKey(incidents.find((x) => x.id === selectedIncidentId)) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `framing` says when to frame; the rest is read then
  useEffect(() => {
    if (!map || !layers || !framing) return;
    const i = incidents.find((x) => x.id === selectedIncidentId);
    if (i) frameIncident(map, layers, i);
  }, [map, layers, framing]);

  useEffect(() => {
    if (!layers) return;
    layers.cones.clearLayers();
    for (const c of surfaced) {
      if (c.hidden) continue;
      Leaflet.polygon(viewCone(c), {
        renderer: layers.renderer,
        color: c.pinned ? '#ffd43b' : '#4db8ff',
        weight: 1.5,
        fillOpacity: 0.12,
        interactive: false,
      }).addTo(layers.cones);
    }
  }, [layers, surfaced]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels read through a ref follow the language
  useEffect(() => {
    if (layers) drawRoutes(layers.routes, layers.renderer, props.routes, labels.route);
  }, [layers, props.routes, lang]);

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
}
