// The base map of both consoles: ward outlines (district outlines for the generated city) with their names from
// city-district zoom, and the street tiles from GET /api/map/base (works with no internet); or the city's own
// tile server when the server names one (MAP_TILE_URL), which then replaces all of it.
import L from 'leaflet';
import { Hospital } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { streetTileLayer } from './street-tiles.ts';

export const BaseMap = z.object({
  attribution: z.string().nullable(),
  areas: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({
          name: z.string(),
          kind: z.string(),
          label: z.object({ coordinates: z.tuple([z.number(), z.number()]) }).nullable(),
        }),
        geometry: z.unknown(),
      }),
    ),
  }),
  streetTiles: z.object({ url: z.string(), minZoom: z.number(), maxZoom: z.number() }),
  tileUrl: z.string().nullable(),
});
export type BaseMap = z.infer<typeof BaseMap>;

let loaded: Promise<BaseMap> | undefined;

/** Fetched once per page: the outlines change only with a new import. */
function loadBaseMap(): Promise<BaseMap> {
  loaded ??= get('/map/base', BaseMap).catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

const AREA_PANE = 'areas';

/** Area names are shown from this zoom (at city zoom 168 ward names would cover the streets). */
const AREA_LABEL_ZOOM = 13;

function areaLayer(map: L.Map, base: BaseMap): L.LayerGroup {
  const group = L.layerGroup();
  // Below the street tiles (the tile pane is at z-index 200): the land is filled, the streets drawn over it.
  if (!map.getPane(AREA_PANE)) map.createPane(AREA_PANE).style.zIndex = '150';
  L.geoJSON(base.areas as unknown as GeoJSON.FeatureCollection, {
    // Dashed, lighter than the local streets: a ward boundary is seen between the streets and never taken for one.
    style: { color: '#7f97b2', weight: 2, dashArray: '8 5', fillColor: '#111a24', fillOpacity: 1 },
    interactive: false,
    pane: AREA_PANE,
  }).addTo(group);
  const names = L.layerGroup(
    base.areas.features.flatMap((f) => {
      const at = f.properties.label?.coordinates;
      if (!at) return [];
      return [
        L.marker([at[1], at[0]], {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: 'area-label',
            html: escapeHtml(f.properties.name),
            iconSize: [160, 18],
          }),
        }),
      ];
    }),
  );
  const showNames = () => {
    if (map.getZoom() >= AREA_LABEL_ZOOM) names.addTo(group);
    else names.remove();
  };
  map.on('zoomend', showNames);
  showNames();
  return group;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Hospitals are shown from this zoom; a diverting one is greyed, an unverified one says so in its tooltip. */
const HOSPITAL_ZOOM = 13;

function hospitalLayer(map: L.Map): L.LayerGroup {
  const group = L.layerGroup();
  get('/hospitals', z.object({ hospitals: z.array(Hospital) })).then(
    ({ hospitals }) => {
      for (const h of hospitals) {
        const state = [h.diverting ? 'diverting' : '', h.verified ? '' : 'unverified']
          .filter(Boolean)
          .join(', ');
        L.marker([h.point.lat, h.point.lon], {
          keyboard: false,
          icon: L.divIcon({
            className: `hospital-mark${h.diverting ? ' diverting' : ''}`,
            html: 'H',
            iconSize: [16, 16],
          }),
        })
          .bindTooltip(escapeHtml(state ? `${h.name} (${state})` : h.name))
          .addTo(group);
      }
    },
    () => {},
  );
  const layer = L.layerGroup([group]);
  const show = () => (map.getZoom() >= HOSPITAL_ZOOM ? group.addTo(layer) : group.remove());
  map.on('zoomend', show);
  show();
  return layer;
}

/** How a page other than the consoles reaches the base map: the crews' app fetches it with its device
 * credential instead of a session (`load` for the outlines, `headers` for the street tiles) and shows no hospitals. */
export interface BaseLayerSource {
  load: () => Promise<BaseMap>;
  headers: Record<string, string>;
}

export async function addBaseLayer(map: L.Map, source?: BaseLayerSource): Promise<L.Layer> {
  const base = await (source ? source.load() : loadBaseMap());
  const extras = source ? [] : [hospitalLayer(map)];
  if (base.tileUrl)
    return L.layerGroup([L.tileLayer(base.tileUrl, { maxZoom: 19, attribution: '' }), ...extras]).addTo(map);
  const group = L.layerGroup([
    areaLayer(map, base),
    streetTileLayer(base.streetTiles, base.attribution, source?.headers ?? {}),
    ...extras,
  ]);
  return group.addTo(map);
}
