// Every feature's routes, in one list, mounted under /api by the app, and every route's OpenAPI description.
import { addressApi, addressRoutes } from './addresses/routes.ts';
import type { FeatureRoutes } from './app.ts';
import { authApi } from './auth/routes.ts';
import { openApiApi, openApiRoutes } from './openapi/routes.ts';
import type { ApiRoute } from './openapi/route-doc.ts';
import { auditApi, auditRoutes } from './audit/routes.ts';
import { alertApi, alertRoutes } from './camera-alerts/routes.ts';
import { avlApi, avlRoutes } from './avl/routes.ts';
import { callLocationApi, callLocationRoutes } from './call-locations/routes.ts';
import { callApi, callRoutes } from './calls/routes.ts';
import { callTakerApi, callTakerRoutes } from './call-takers/routes.ts';
import { cameraApi, cameraRoutes } from './cameras/routes.ts';
import { deviceApi, deviceRoutes } from './devices/routes.ts';
import { dialApi, dialRoutes } from './dial/routes.ts';
import { dispatchApi, dispatchRoutes } from './dispatch/routes.ts';
import { eidoApi, eidoRoutes } from './eido/routes.ts';
import { feedApi, feedRoutes } from './feeds/routes.ts';
import { hospitalApi, hospitalRoutes } from './hospitals/routes.ts';
import { incidentCameraApi, incidentCameraRoutes } from './incident-cameras/routes.ts';
import { incidentApi, incidentRoutes } from './incidents/routes.ts';
import { mapApi, mapRoutes } from './map/routes.ts';
import { recordingApi, recordingRoutes } from './recordings/routes.ts';
import { sipPhoneApi, sipPhoneRoutes } from './sip-phones/routes.ts';
import { stationApi, stationRoutes } from './stations/routes.ts';
import { unitApi, unitRoutes } from './units/routes.ts';
import { wardStatsApi, wardStatsRoutes } from './ward-stats/routes.ts';
import { wallboardApi, wallboardRoutes } from './wallboard/routes.ts';
import { citizenTextApi, citizenTextRoutes } from './text112/citizen-routes.ts';
import { textSessionApi, textSessionRoutes } from './text112/routes.ts';
import { callerLinkApi, callerLinkRoutes } from './caller-links/routes.ts';

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
  wallboardRoutes,
  citizenTextRoutes,
  textSessionRoutes,
  openApiRoutes(() => API_DESCRIPTIONS),
];

/** Every route under /api as the OpenAPI document describes it; a test fails when this and the app differ. */
export const API_DESCRIPTIONS: readonly ApiRoute[] = [
  ...authApi,
  ...addressApi,
  ...auditApi,
  ...alertApi,
  ...avlApi,
  ...callLocationApi,
  ...callApi,
  ...callTakerApi,
  ...cameraApi,
  ...deviceApi,
  ...dialApi,
  ...dispatchApi,
  ...eidoApi,
  ...feedApi,
  ...hospitalApi,
  ...incidentCameraApi,
  ...incidentApi,
  ...mapApi,
  ...recordingApi,
  ...sipPhoneApi,
  ...stationApi,
  ...unitApi,
  ...wardStatsApi,
  ...wallboardApi,
  ...callerLinkApi,
  ...citizenTextApi,
  ...textSessionApi,
  ...openApiApi,
];
