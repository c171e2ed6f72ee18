// The map's layers and what they call back: created once per map, then kept in step by useMapLayers.
import type { CameraAlert, Incident, Unit, UnitRoute } from '@hcm112/shared';
import L from 'leaflet';
import { alertLayer, cameraLayer, incidentLayer, stationLayer } from './overlays.ts';
import { UnitLayer, type UnitMoveObserver } from './unit-layer.ts';

export interface MapHandlers {
  onSelectIncident: (id: string) => void;
  onSelectAlert: (id: string) => void;
  onSelectUnit: (id: string) => void;
}

export const HCMC_CENTRE: L.LatLngTuple = [10.7769, 106.7009];

export type MapProbeWindow = Window & { __e112MapProbe?: UnitMoveObserver };

export type MapLayers = ReturnType<typeof createLayers>;

export interface Labels {
  incident: (i: Incident) => string;
  alert: (a: CameraAlert) => string;
  unit: (u: Unit) => string;
  route: (r: UnitRoute) => string;
}

export function createLayers(map: L.Map, handlers: { current: MapHandlers }, labels: { current: Labels }) {
  // Two canvases: moving units redraw theirs every animation frame, the many still cameras and stations not.
  const renderer = L.canvas({ padding: 0.3 });
  // Units are drawn above everything else, incident and alert labels included, so a label never hides a unit.
  // Their pane lets the pointer through (labels stay clickable); units are hit-tested from the map's events.
  const unitPane = map.createPane('units');
  unitPane.style.zIndex = '640';
  unitPane.style.pointerEvents = 'none';
  const unitRenderer = L.canvas({ padding: 0.3, pane: 'units' });
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
  const routes = L.layerGroup();
  const units = new UnitLayer(
    map,
    unitRenderer,
    (u) => labels.current.unit(u),
    (id) => handlers.current.onSelectUnit(id),
  );
  map.on('click', (e) => units.click(map, e.containerPoint));
  map.on('mousemove', (e) => {
    map.getContainer().classList.toggle('over-unit', units.hover(map, e.containerPoint));
  });
  cameras.group.addTo(map);
  stations.group.addTo(map);
  cones.addTo(map);
  routes.addTo(map);
  alerts.group.addTo(map);
  incidents.group.addTo(map);
  return { renderer, selected, incidents, alerts, stations, cameras, cones, routes, units };
}
