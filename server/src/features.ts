// Every feature's routes, in one list, mounted under /api by the app.
import type { FeatureRoutes } from './app.ts';

export const FEATURES: FeatureRoutes[] = [];
