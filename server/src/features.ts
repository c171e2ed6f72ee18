// Every feature's routes, in one list, mounted under /api by the app.
import { addressRoutes } from './addresses/routes.ts';
import type { FeatureRoutes } from './app.ts';
import { mapRoutes } from './map/routes.ts';
import { stationRoutes } from './stations/routes.ts';

export const FEATURES: FeatureRoutes[] = [addressRoutes, mapRoutes, stationRoutes];
