import L from 'leaflet';
import { describe, expect, it, vi } from 'vitest';
import { KeyedLayer } from './keyed-layer.ts';

interface Item {
  lat: number;
}

function layer() {
  const create = vi.fn((item: Item) => L.marker([item.lat, 106.7]));
  const update = vi.fn((marker: L.Layer, item: Item) => {
    (marker as L.Marker).setLatLng([item.lat, 106.7]);
    return true;
  });
  return { keyed: new KeyedLayer<Item>({ create, update }), create, update };
}

describe('keyed map layer', () => {
  it('creates a marker once per item and moves it when the item changes, never re-creating it', () => {
    const { keyed, create, update } = layer();
    const a = { lat: 10.7 };
    keyed.sync({ a });
    keyed.sync({ a });
    const moved = { lat: 10.8 };
    keyed.sync({ a: moved });
    expect(create).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledTimes(1);
    expect((keyed.layerOf('a') as L.Marker).getLatLng().lat).toBe(10.8);
  });

  it('removes the marker of an item that is gone', () => {
    const { keyed } = layer();
    keyed.sync({ a: { lat: 10.7 }, b: { lat: 10.75 } });
    keyed.sync({ b: { lat: 10.75 } });
    expect(keyed.layerOf('a')).toBeUndefined();
    expect(keyed.group.getLayers()).toHaveLength(1);
  });

  it('updates an unchanged item once it is invalidated (e.g. it became the selected one)', () => {
    const { keyed, update } = layer();
    const a = { lat: 10.7 };
    keyed.sync({ a });
    keyed.invalidate('a');
    keyed.sync({ a });
    expect(update).toHaveBeenCalledTimes(1);
  });
});
