// `npm run import:geodata -w server`: real city data from GEODATA_DIR into the configured database: the 2025 wards
// (with the old names for the geocoder), the streets, the hospitals (import-city.ts), then the cameras. The camera
// part reads the real traffic-camera list through the same import code as POST /cameras/import (defaults for
// missing bearing/fov/range, per-row errors, idempotent by code), then re-ranks open incidents' cameras.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { AddressService } from '../addresses/service.ts';
import { CameraNetworks } from '../cameras/camera-networks.ts';
import type { Actor } from '../audit/repository.ts';
import { parseGeoJson } from '../cameras/import-rows.ts';
import { importCameras } from '../cameras/service.ts';
import { loadConfig } from '../config.ts';
import { assertReachable, createDb } from '../db/database.ts';
import { DomainEvents, type DomainEventMap } from '../domain-events.ts';
import { recomputeAfterCameraChange } from '../incident-cameras/service.ts';
import { importCity, outsideRows, pointGeometry, reportOutside } from './import-city.ts';
import { EventPublisher } from '../realtime/publisher.ts';

export const CAMERA_FILE = 'hcmc_traffic_cameras_2025.geojson';
const ACTOR: Actor = { id: null, name: 'import:geodata' };
const say = (line: string) => process.stdout.write(`${line}\n`);

const config = loadConfig();
const db = createDb(config.DATABASE_URL, 2);
// Reference data (wards, streets, gazetteer) is replaced by the schema's owner, as the seed does: the application
// role may not delete it.
const owner = createDb(config.DATABASE_ADMIN_URL, 2);
const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
try {
  const file = join(config.GEODATA_DIR, CAMERA_FILE);
  if (!existsSync(file)) throw new Error(`${file} not found (set GEODATA_DIR to the real data folder)`);
  await assertReachable(db, config.DATABASE_URL);
  await redis.connect();
  await importCity(owner, config.GEODATA_DIR, say);
  const changes: Array<DomainEventMap['cameras.changed']> = [];
  const domain = new DomainEvents(() => {});
  domain.on('cameras.changed', (change) => {
    changes.push(change);
  });
  const deps = {
    db,
    addresses: new AddressService(db),
    // Running servers' consoles hear of the import and refetch the cameras.
    events: new EventPublisher(redis, config.REDIS_PREFIX),
    domain,
    clock: () => new Date(),
    cameraNetworks: new CameraNetworks(config.CAMERA_NETWORKS),
  };
  const parsed = parseGeoJson(JSON.parse(readFileSync(file, 'utf8')));
  const result = await importCameras(deps, ACTOR, parsed);
  const outside = await outsideRows(db, parsed.rows, (r) => ({
    name: r.fields.code,
    geometry: pointGeometry(r.fields.point.lat, r.fields.point.lon),
  }));
  await new Promise((resolve) => setImmediate(resolve)); // the listener above runs on the next tick
  let recomputed = 0;
  for (const change of changes) recomputed += await recomputeAfterCameraChange(deps, change);
  say(
    `cameras: ${result.imported} imported (${result.created} created, ${result.updated} updated, ` +
      `${result.unchanged} unchanged), ${result.errors.length} rows rejected, ${recomputed} open incidents re-ranked, ` +
      `${outside.length} outside every ward`,
  );
  for (const e of result.errors.slice(0, 30))
    say(
      `  row ${e.row}${e.code ? ` (${e.code})` : ''}: ${Object.entries(e.fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ')}`,
    );
  if (result.errors.length > 30) say(`  ... and ${result.errors.length - 30} more`);
  reportOutside(say, outside);
} catch (err) {
  process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  redis.disconnect();
  await db.destroy();
  await owner.destroy();
}
