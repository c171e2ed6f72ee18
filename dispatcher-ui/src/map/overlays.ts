// The map's overlays other than units: incidents and alerts as labelled markers (few, always legible), and
// stations and cameras on the canvas (many).
import type { Camera, CameraAlert, Incident, Station, SurfacedCamera } from '@hcm112/shared';
import L from 'leaflet';
// Extends the Leaflet namespace (the global L Leaflet sets) with MarkerClusterGroup.
import 'leaflet.markercluster';
import { priorityBand } from '../components/badges.tsx';
import { AGENCY_COLOR } from './colors.ts';
import { KeyedLayer } from './keyed-layer.ts';
import { ShapeMarker } from './shape-marker.ts';

const PRIORITY_ICON = { critical: '▲▲', high: '▲', routine: '▽' } as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function incidentIcon(incident: Incident, label: string, selected: boolean): L.DivIcon {
  const band = priorityBand(incident.priority);
  const cls = `map-incident priority-${band}${selected ? ' selected' : ''}`;
  return L.divIcon({
    className: 'map-incident-wrap',
    html: `<div class="${cls}" data-incident-id="${incident.id}"><span aria-hidden="true">${PRIORITY_ICON[band]}</span> ${escapeHtml(label)}</div>`,
    iconSize: undefined,
    iconAnchor: [0, 0],
  });
}

export function incidentLayer(
  labelOf: (i: Incident) => string,
  isSelected: (id: string) => boolean,
  onSelect: (id: string) => void,
) {
  return new KeyedLayer<Incident>({
    create: (i) => {
      const marker = L.marker([i.location.point.lat, i.location.point.lon], {
        icon: incidentIcon(i, labelOf(i), isSelected(i.id)),
        title: `${i.number} ${i.location.address}`,
        zIndexOffset: 1000 + i.priority * 10,
        keyboard: true,
      });
      marker.on('click', () => onSelect(i.id));
      return marker;
    },
    update: (layer, i) => {
      const marker = layer as L.Marker;
      marker.setLatLng([i.location.point.lat, i.location.point.lon]);
      marker.setIcon(incidentIcon(i, labelOf(i), isSelected(i.id)));
      return true;
    },
  });
}

export function alertLayer(labelOf: (a: CameraAlert) => string, onSelect: (id: string) => void) {
  return new KeyedLayer<CameraAlert>({
    create: (a) => {
      const marker = L.marker([a.point.lat, a.point.lon], {
        icon: L.divIcon({
          className: 'map-incident-wrap',
          html: `<div class="map-alert" data-alert-id="${a.id}"><span aria-hidden="true">⚠</span> ${escapeHtml(labelOf(a))}</div>`,
          iconSize: undefined,
          iconAnchor: [0, 0],
        }),
        zIndexOffset: 900,
        keyboard: true,
      });
      marker.on('click', () => onSelect(a.id));
      return marker;
    },
    update: () => false,
  });
}

export function stationLayer(renderer: L.Canvas) {
  return new KeyedLayer<Station>({
    create: (s) =>
      new ShapeMarker([s.point.lat, s.point.lon], {
        shape: 'house',
        radius: 7,
        renderer,
        color: AGENCY_COLOR[s.agency],
        weight: 2,
        fillColor: '#0b0f14',
        fillOpacity: 1,
      }).bindTooltip(s.name),
    update: () => false,
  });
}

/** Thousands of cameras are one dot-field at city zoom: clustered into counts until street zoom. */
const CAMERA_CLUSTER_UNTIL_ZOOM = 16;

function cameraClusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const n = cluster.getChildCount();
  const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
  return L.divIcon({
    html: `<span>${n}</span>`,
    className: `camera-cluster camera-cluster-${size}`,
    iconSize: L.point(30, 30),
  });
}

export function cameraLayer(renderer: L.Canvas) {
  const group = L.markerClusterGroup({
    disableClusteringAtZoom: CAMERA_CLUSTER_UNTIL_ZOOM,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: false,
    chunkedLoading: true,
    maxClusterRadius: 50,
    iconCreateFunction: cameraClusterIcon,
  });
  return new KeyedLayer<Camera>(
    {
      create: (c) =>
        L.circleMarker([c.point.lat, c.point.lon], {
          renderer,
          radius: 3,
          weight: 1,
          color: '#9fb3c8',
          fillColor: '#9fb3c8',
          fillOpacity: c.online ? 0.8 : 0,
        }).bindTooltip(c.ward ? `${c.code} · ${c.name} · ${c.ward}` : `${c.code} · ${c.name}`),
      update: (layer, c) => {
        const marker = layer as L.CircleMarker;
        const at = marker.getLatLng();
        // A moved camera is re-created, so the clusters place it anew.
        if (at.lat !== c.point.lat || at.lng !== c.point.lon) return false;
        marker.setStyle({ fillOpacity: c.online ? 0.8 : 0 });
        return true;
      },
    },
    group,
  );
}

const M_PER_DEG_LAT = 111_320;

/** The area a surfaced camera sees: a sector of its range and field of view (a disc for PTZ / 360°). */
export function viewCone(c: SurfacedCamera): L.LatLngExpression[] {
  const full = c.ptz || c.fovDeg >= 360;
  const start = full ? 0 : c.bearingDeg - c.fovDeg / 2;
  const span = full ? 360 : c.fovDeg;
  const steps = Math.max(6, Math.ceil(span / 10));
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((c.point.lat * Math.PI) / 180);
  const points: L.LatLngExpression[] = full ? [] : [[c.point.lat, c.point.lon]];
  for (let k = 0; k <= steps; k++) {
    const rad = ((start + (span * k) / steps) * Math.PI) / 180;
    points.push([
      c.point.lat + (Math.cos(rad) * c.rangeM) / M_PER_DEG_LAT,
      c.point.lon + (Math.sin(rad) * c.rangeM) / mPerDegLon,
    ]);
  }
  return points;
}
