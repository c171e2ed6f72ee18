// The offline base map: ward outlines (district outlines for the generated city) once, streets by tile and zoom
// with their names close in, and the tile server when one is configured (it then replaces all of this).
import { apiRoutes } from '../openapi/route-doc.ts';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { userOrDevice } from '../devices/pairing.ts';
import { DEVICE_CREDENTIAL_HEADER } from '../devices/routes.ts';
import { Invalid } from '../errors.ts';
import { areaOutlines, streetsExtent, streetsFromOsm, streetsStamp, streetTile } from './repository.ts';
import { TileCache } from './tile-cache.ts';

/** Street tiles exist from city-wide to street level; closer zooms scale the last level up. */
export const STREET_TILE_ZOOMS = { min: 8, max: 17 } as const;

const TileParams = z
  .object({
    z: z.coerce.number().int().min(STREET_TILE_ZOOMS.min).max(STREET_TILE_ZOOMS.max),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'tile outside the world', path: ['x'] });

export function mapRoutes(ctx: AppContext) {
  const router = Router();
  // The outlines change only with a new import; rebuilt when the streets or areas are re-imported.
  let cached: { stamp: string; body: Promise<string> } | undefined;
  const tiles = new TileCache(() => streetsStamp(ctx.db));
  // City-zoom tiles hold the most lines and are what every console opens on: built once at start, so the first
  // console does not wait for them (about 150 tiles, a second or two of PostGIS in the background).
  void prebuildCityTiles(ctx, tiles).catch((err: unknown) =>
    ctx.log.warn({ err }, 'street tiles not pre-built'),
  );

  const build = async () => {
    const [areas, osm] = await Promise.all([areaOutlines(ctx.db), streetsFromOsm(ctx.db)]);
    return JSON.stringify({
      attribution: osm ? '© OpenStreetMap contributors (ODbL)' : null,
      areas: {
        type: 'FeatureCollection',
        features: areas.map((a) => ({
          type: 'Feature',
          properties: { name: a.name, kind: a.kind, label: a.label },
          geometry: a.geometry,
        })),
      },
      streetTiles: {
        url: '/api/map/streets/{z}/{x}/{y}',
        minZoom: STREET_TILE_ZOOMS.min,
        maxZoom: STREET_TILE_ZOOMS.max,
      },
      tileUrl: ctx.config.MAP_TILE_URL || null,
    });
  };

  // Every role (each has a map), and crews' devices for the map of their incident.
  const anyUserOrDevice = userOrDevice(ctx, DEVICE_CREDENTIAL_HEADER);
  router.get('/map/base', anyUserOrDevice, async (_req, res) => {
    const stamp = await streetsStamp(ctx.db);
    if (cached?.stamp !== stamp) {
      const body = build();
      cached = { stamp, body };
      body.catch(() => {
        cached = undefined;
      });
    }
    res
      .type('application/json')
      .set('Cache-Control', 'private, no-cache')
      .send(await cached.body);
  });

  router.get('/map/streets/:z/:x/:y', anyUserOrDevice, async (req, res) => {
    const parsed = TileParams.safeParse(req.params);
    if (!parsed.success) throw Invalid.fromZod(parsed.error, 'tile');
    const { z: zoom, x, y } = parsed.data;
    const body = await tiles.get(`${zoom}/${x}/${y}`, () => streetTile(ctx.db, zoom, x, y));
    res.type('application/json').set('Cache-Control', 'private, max-age=300').send(body);
  });
  return router;
}

/** Tiles of zoom PREBUILT_MAX_ZOOM and below over the streets' extent, one at a time. */
const PREBUILT_MAX_ZOOM = 12;

async function prebuildCityTiles(ctx: AppContext, tiles: TileCache): Promise<void> {
  const extent = await streetsExtent(ctx.db);
  if (!extent) return;
  const [w, s, e, n] = extent;
  const tileX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const tileY = (lat: number, z: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 2 ** z);
  };
  for (let z = STREET_TILE_ZOOMS.min; z <= PREBUILT_MAX_ZOOM; z++)
    for (let x = tileX(w, z); x <= tileX(e, z); x++)
      for (let y = tileY(n, z); y <= tileY(s, z); y++)
        await tiles.get(`${z}/${x}/${y}`, () => streetTile(ctx.db, z, x, y));
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const mapApi = apiRoutes([
  {
    method: 'get',
    path: '/map/base',
    summary: 'The offline base map: area outlines, the street tiles and the tile server',
    description:
      '-> `{ areas: GeoJSON FeatureCollection (2025 wards, or the generated districts) with label points, streetTiles: { url, minZoom, maxZoom }, attribution, tileUrl }`',
    access: 'user-or-device',
    response: z.looseObject({
      attribution: z.string().nullable(),
      areas: z
        .looseObject({ type: z.literal('FeatureCollection') })
        .meta({ description: 'GeoJSON FeatureCollection of the 2025 wards (or generated districts)' }),
      streetTiles: z.object({ url: z.string(), minZoom: z.number().int(), maxZoom: z.number().int() }),
      tileUrl: z.string().nullable(),
    }),
  },
  {
    method: 'get',
    path: '/map/streets/:z/:x/:y',
    summary: 'One 256-pixel street tile',
    description:
      'one 256-pixel street tile, zoom 8-17: `{ roads: [class, [[lon, lat], ...]][], labels: [name, lon, lat, azimuth][] }` (labels from zoom 15); 400 names the field outside the world or the zooms',
    access: 'user-or-device',
    params: TileParams,
    response: z.looseObject({ roads: z.array(z.unknown()), labels: z.array(z.unknown()) }),
  },
]);
