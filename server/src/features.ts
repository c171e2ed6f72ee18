// Every feature's routes, in one list, mounted under /api by the app.
import { addressRoutes } from './addresses/routes.ts';
import type { FeatureRoutes } from './app.ts';
import { auditRoutes } from './audit/routes.ts';
import { alertRoutes } from './camera-alerts/routes.ts';
import { avlRoutes } from './avl/routes.ts';
import { callLocationRoutes } from './call-locations/routes.ts';
import { callerLinkRoutes } from './caller-links/routes.ts';
import { callRoutes } from './calls/routes.ts';
import { callTakerRoutes } from './call-takers/routes.ts';
import { cameraRoutes } from './cameras/routes.ts';
import { deviceRoutes } from './devices/routes.ts';
import { dialRoutes } from './dial/routes.ts';
import { dispatchRoutes } from './dispatch/routes.ts';
import { eidoRoutes } from './eido/routes.ts';
import { feedRoutes } from './feeds/routes.ts';
import { hospitalRoutes } from './hospitals/routes.ts';
import { incidentCameraRoutes } from './incident-cameras/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';
import { mapRoutes } from './map/routes.ts';
import { recordingRoutes } from './recordings/routes.ts';
import { sipPhoneRoutes } from './sip-phones/routes.ts';
import { stationRoutes } from './stations/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { wardStatsRoutes } from './ward-stats/routes.ts';

export const FEATURES: FeatureRoutes[] = [
  addressRoutes,
  mapRoutes,
  stationRoutes,
  incidentRoutes,
  callRoutes,
  callLocationRoutes,
  callerLinkRoutes,
  recordingRoutes,
  dialRoutes,
  callTakerRoutes,
  sipPhoneRoutes,
  dispatchRoutes,
  eidoRoutes,
  unitRoutes,
  avlRoutes,
  deviceRoutes,
  auditRoutes,
  cameraRoutes,
  incidentCameraRoutes,
  feedRoutes,
  alertRoutes,
  hospitalRoutes,
  wardStatsRoutes,
];
