// A layer of markers kept in step with a keyed collection: markers are created once, updated when their item
// changes, and removed when it goes, so an event never re-creates every marker.
import L from 'leaflet';

export interface KeyedLayerSpec<T> {
  create(item: T): L.Layer;
  /** Updates the marker for a changed item; returns false to have it re-created instead. */
  update(layer: L.Layer, item: T): boolean;
}

export class KeyedLayer<T> {
  private readonly held = new Map<string, { layer: L.Layer; item: T | null }>();

  /** `group` holds the markers: a plain layer group, or one that clusters them (cameras). */
  constructor(
    private readonly spec: KeyedLayerSpec<T>,
    readonly group: L.LayerGroup = L.layerGroup(),
  ) {}

  sync(items: Readonly<Record<string, T>>): void {
    for (const [key, h] of this.held) {
      if (!(key in items)) {
        this.group.removeLayer(h.layer);
        this.held.delete(key);
      }
    }
    for (const [key, item] of Object.entries(items)) {
      const h = this.held.get(key);
      if (h && h.item === item) continue;
      if (h && this.spec.update(h.layer, item)) {
        h.item = item;
        continue;
      }
      if (h) this.group.removeLayer(h.layer);
      const layer = this.spec.create(item).addTo(this.group);
      this.held.set(key, { layer, item });
    }
  }

  /** Makes the next sync update this item's marker even if the item itself did not change (e.g. selection). */
  invalidate(key: string): void {
    const h = this.held.get(key);
    if (h) h.item = null;
  }

  layerOf(key: string): L.Layer | undefined {
    return this.held.get(key)?.layer;
  }
}
