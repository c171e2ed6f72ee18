// The offline base map: district outlines and main roads as GeoJSON, and the tile server if one is configured.
import { Router } from 'express';
import { roadShapes, districtShapes } from '../addresses/repository.ts';
import type { AppContext } from '../context.ts';
import { userOrDevice } from '../devices/pairing.ts';
import { DEVICE_CREDENTIAL_HEADER } from '../devices/routes.ts';

export function mapRoutes(ctx: AppContext) {
  const router = Router();
  // The city's outlines change only with a new import; built once per process.
  let cached: Promise<string> | undefined;
  const build = async () => {
    const [districts, roads] = await Promise.all([districtShapes(ctx.db), roadShapes(ctx.db)]);
    return JSON.stringify({
      districts: {
        type: 'FeatureCollection',
        features: districts.map((d) => ({
          type: 'Feature',
          properties: { name: d.name, kind: d.kind },
          geometry: d.geometry,
        })),
      },
      roads: {
        type: 'FeatureCollection',
        features: roads.map((r) => ({
          type: 'Feature',
          properties: { name: r.name, roadClass: r.road_class },
          geometry: r.geometry,
        })),
      },
      tileUrl: ctx.config.MAP_TILE_URL || null,
    });
  };

  // Every role (each has a map), and crews' devices for the map of their incident.
  router.get('/map/base', userOrDevice(ctx, DEVICE_CREDENTIAL_HEADER), async (_req, res) => {
    cached ??= build().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    res
      .type('application/json')
      .set('Cache-Control', 'private, max-age=3600')
      .send(await cached);
  });
  return router;
}
