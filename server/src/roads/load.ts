// Loads the street network named by the configuration once per process (tests start many servers) and makes
// the router; without the file the router answers straight-line estimates, as the generated demo city needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { buildRoadNetwork, type RoadNetwork } from './road-network.ts';
import { RoadRouter } from './router.ts';
import { loadTravelModel } from './travel-model.ts';

export const DEFAULT_ROADS_FILE = 'hcmc_roads_osm_2018.geojson';

const networks = new Map<string, RoadNetwork>();

/** The file ROAD_NETWORK_FILE names ('none': no network), by default the 2018 streets in GEODATA_DIR. */
export function roadNetworkFile(config: Config): string | undefined {
  if (config.ROAD_NETWORK_FILE === 'none') return undefined;
  return config.ROAD_NETWORK_FILE || join(config.GEODATA_DIR, DEFAULT_ROADS_FILE);
}

export function readRoadNetwork(file: string): RoadNetwork {
  let net = networks.get(file);
  if (!net) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { features?: unknown };
    if (!Array.isArray(doc.features)) throw new Error(`${file} is not a GeoJSON FeatureCollection`);
    net = buildRoadNetwork(doc.features);
    networks.set(file, net);
  }
  return net;
}

export function loadRoadRouter(config: Config, log: Logger): RoadRouter {
  const model = loadTravelModel(config.ROAD_SPEEDS_FILE);
  const file = roadNetworkFile(config);
  if (!file || !existsSync(file)) {
    log.warn({ file }, 'no street network: travel times are straight-line estimates');
    return new RoadRouter(undefined, model, config.TIME_ZONE);
  }
  const started = performance.now();
  const net = readRoadNetwork(file);
  const router = new RoadRouter(net, model, config.TIME_ZONE);
  log.info(
    { file, junctions: net.nodeCount, pieces: net.pieceCount, ms: Math.round(performance.now() - started) },
    'street network loaded',
  );
  return router;
}
