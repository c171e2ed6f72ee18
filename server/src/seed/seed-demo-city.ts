// Seeds a database with the demo city and the demo users, once; `reset` replaces what is there.
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser } from '../auth/repository.ts';
import type { Database } from '../db/schema.ts';
import { DEFAULT_SEED, generateDemoCity } from './demo-city.ts';
import { DEMO_USERS } from './demo-users.ts';
import { clearCityData, hasCityData, insertCity } from './repository.ts';

export interface SeedOptions {
  seed?: number;
  reset?: boolean;
  now?: Date;
}

export interface SeedResult {
  seeded: boolean;
  counts: {
    districts: number;
    stations: number;
    units: number;
    cameras: number;
    gazetteer: number;
    users: number;
  };
}

export async function seedDemoCity(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedResult> {
  const city = generateDemoCity(options.seed ?? DEFAULT_SEED);
  const counts = {
    districts: city.districts.length,
    stations: city.stations.length,
    units: city.units.length,
    cameras: city.cameras.length,
    gazetteer: city.gazetteer.length,
    users: DEMO_USERS.length,
  };
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const seeded = await db.transaction().execute(async (trx) => {
    if (await hasCityData(trx)) {
      if (!options.reset) return false;
      await clearCityData(trx);
    }
    await insertCity(trx, city, options.now ?? new Date());
    for (const [i, u] of DEMO_USERS.entries()) await insertUser(trx, { ...u, passwordHash: hashes[i]! });
    return true;
  });
  return { seeded, counts };
}
