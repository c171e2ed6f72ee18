// The base map: district outlines and main roads drawn from GET /api/map/base (works with no internet), or the
// configured tile server when there is one.
import L from 'leaflet';
import { z } from 'zod';
import { get } from '../api/http.ts';

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: z.unknown(),
    }),
  ),
});

export const BaseMap = z.object({
  districts: FeatureCollection,
  roads: FeatureCollection,
  tileUrl: z.string().nullable(),
});

const ROAD_WEIGHT: Readonly<Record<string, number>> = { highway: 4, arterial: 2.5, collector: 1.5 };

/** `load` fetches the base map; the crews' app fetches it with its device credential instead of a session. */
export async function addBaseLayer(
  map: L.Map,
  load: () => Promise<z.infer<typeof BaseMap>> = () => get('/map/base', BaseMap),
): Promise<L.Layer> {
  const base = await load();
  if (base.tileUrl) {
    return L.tileLayer(base.tileUrl, { maxZoom: 19, attribution: '' }).addTo(map);
  }
  const group = L.layerGroup();
  L.geoJSON(base.districts as GeoJSON.FeatureCollection, {
    style: { color: '#3d5066', weight: 1.5, fillColor: '#111a24', fillOpacity: 1 },
    interactive: false,
    onEachFeature: (feature, layer) => {
      const name = feature.properties?.name;
      if (typeof name === 'string') {
        layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'district-label' });
      }
    },
  }).addTo(group);
  L.geoJSON(base.roads as GeoJSON.FeatureCollection, {
    style: (feature) => ({
      color: '#6b7f96',
      weight: ROAD_WEIGHT[String(feature?.properties?.roadClass)] ?? 1.5,
      opacity: 0.9,
    }),
    interactive: false,
  }).addTo(group);
  return group.addTo(map);
}
