// Unit markers on one canvas: shape by agency, colour and fill by status, moved smoothly from position reports
// straight off the socket; a marker is created once per unit and only restyled or moved afterwards.
import type { Agency, Unit, UnitPosition, UnitStatus } from '@hcm112/shared';
import L from 'leaflet';
import { UNIT_STATUS_COLOR } from './colors.ts';
import { type MarkerShape, ShapeMarker } from './shape-marker.ts';

export const AGENCY_SHAPE: Readonly<Record<Agency, MarkerShape>> = {
  police: 'square',
  fire: 'triangle',
  ambulance: 'cross',
};

const MOVE_MS = 900;
/** How near (pixels) a click or the pointer must be to a unit's marker to be on it. */
const HIT_PX = 10;

interface Tracked {
  marker: ShapeMarker;
  status: UnitStatus;
  positionAt: number;
  from: L.LatLng;
  to: L.LatLng;
  startedAt: number;
}

/** Told when a reported position first shows on the map: unit, report time and now (both epoch ms). */
export type UnitMoveObserver = (unitId: string, reportedAt: number, shownAt: number) => void;

function styleFor(status: UnitStatus): L.PathOptions {
  const color = UNIT_STATUS_COLOR[status];
  // Out of service is drawn hollow, committed units with a white rim: status is not told by colour alone.
  const hollow = status === 'out-of-service';
  const committed = status !== 'available' && !hollow;
  return {
    color: committed ? '#ffffff' : color,
    weight: committed ? 2.5 : 2,
    fillColor: color,
    fillOpacity: hollow ? 0 : 0.95,
  };
}

export class UnitLayer {
  private readonly tracked = new Map<string, Tracked>();
  private readonly group: L.LayerGroup;
  private moving = new Set<string>();
  /** Moves received but not yet drawn once, for the observer. */
  private unseen = new Map<string, number>();
  private frame: number | null = null;
  /** Told when a reported position reaches the map (used by the map benchmark). */
  onMoved: UnitMoveObserver | null = null;

  constructor(
    map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly describe: (unit: Unit) => string,
    private readonly onSelect: (unitId: string) => void,
  ) {
    this.group = L.layerGroup().addTo(map);
  }

  get layer(): L.LayerGroup {
    return this.group;
  }

  /** Adds new units, restyles changed ones, removes gone ones. Positions only ever move forward in time. */
  sync(units: Readonly<Record<string, Unit>>): void {
    for (const [id, t] of this.tracked) {
      if (!units[id]) {
        this.group.removeLayer(t.marker);
        this.tracked.delete(id);
      }
    }
    for (const unit of Object.values(units)) this.syncOne(unit);
  }

  private syncOne(unit: Unit): void {
    const t = this.tracked.get(unit.id);
    if (!t) {
      if (!unit.position) return;
      this.add(unit, unit.position);
      return;
    }
    if (t.status !== unit.status) {
      t.status = unit.status;
      t.marker.setStyle(styleFor(unit.status));
    }
    t.marker.setTooltipContent(this.describe(unit));
    if (unit.position) this.move(unit.id, unit.position);
  }

  private add(unit: Unit, position: UnitPosition): void {
    const at = L.latLng(position.point.lat, position.point.lon);
    const marker = new ShapeMarker(at, {
      shape: AGENCY_SHAPE[unit.agency],
      radius: 8,
      renderer: this.renderer,
      // Hit-tested by unitNear: the units' canvas lets clicks through to incident labels beneath it.
      interactive: false,
      ...styleFor(unit.status),
    });
    marker.bindTooltip(this.describe(unit), { direction: 'top', offset: [0, -8] });
    marker.addTo(this.group);
    this.tracked.set(unit.id, {
      marker,
      status: unit.status,
      positionAt: Date.parse(position.at),
      from: at,
      to: at,
      startedAt: 0,
    });
  }

  /** A position report: glides the marker there unless an equal or newer one is already shown. */
  move(unitId: string, position: UnitPosition): void {
    const t = this.tracked.get(unitId);
    if (!t) return;
    const at = Date.parse(position.at);
    if (at <= t.positionAt) return;
    t.positionAt = at;
    t.from = t.marker.getLatLng();
    t.to = L.latLng(position.point.lat, position.point.lon);
    t.startedAt = performance.now();
    this.moving.add(unitId);
    if (this.onMoved) this.unseen.set(unitId, at);
    this.frame ??= requestAnimationFrame((now) => this.step(now));
  }

  private step(now: number): void {
    this.frame = null;
    for (const id of this.moving) {
      const t = this.tracked.get(id);
      if (!t) {
        this.moving.delete(id);
        continue;
      }
      const k = Math.min(1, (now - t.startedAt) / MOVE_MS);
      const lat = t.from.lat + (t.to.lat - t.from.lat) * k;
      const lng = t.from.lng + (t.to.lng - t.from.lng) * k;
      t.marker.setLatLng([lat, lng]);
      if (k >= 1) this.moving.delete(id);
    }
    if (this.onMoved && this.unseen.size > 0) {
      const shownAt = performance.timeOrigin + now;
      for (const [id, reportedAt] of this.unseen) this.onMoved(id, reportedAt, shownAt);
      this.unseen.clear();
    }
    if (this.moving.size > 0) this.frame = requestAnimationFrame((n) => this.step(n));
  }

  /** The unit whose marker is drawn nearest a point of the map's container, within `px` pixels. */
  unitNear(map: L.Map, point: L.Point, px: number): string | null {
    let best: { id: string; d: number } | null = null;
    for (const [id, t] of this.tracked) {
      const d = map.latLngToContainerPoint(t.marker.getLatLng()).distanceTo(point);
      if (d <= px && (!best || d < best.d)) best = { id, d };
    }
    return best?.id ?? null;
  }

  /** Shows the tooltip of the unit under the pointer (only one at a time) and says whether there was one. */
  hover(map: L.Map, point: L.Point): boolean {
    const id = this.unitNear(map, point, HIT_PX);
    for (const [key, t] of this.tracked) if (key !== id && t.marker.isTooltipOpen()) t.marker.closeTooltip();
    const t = id ? this.tracked.get(id) : undefined;
    if (t && !t.marker.isTooltipOpen()) t.marker.openTooltip();
    return Boolean(t);
  }

  /** Selects the unit under a click; false when there was none. */
  click(map: L.Map, point: L.Point): boolean {
    const id = this.unitNear(map, point, HIT_PX);
    if (id) this.onSelect(id);
    return Boolean(id);
  }

  /** Where a unit's marker is now, or null when it has none. */
  positionOf(unitId: string): L.LatLng | null {
    return this.tracked.get(unitId)?.marker.getLatLng() ?? null;
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.group.clearLayers();
    this.group.remove();
  }
}
