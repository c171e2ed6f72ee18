// Every background part of the server process (websocket hub, queue workers, simulator, health checks),
// started in this order after HTTP listens and stopped in reverse.
import { startAlertSnapshots } from './camera-alerts/snapshot-taker.ts';
import { startCallEventWorker } from './calls/worker.ts';
import { startCameraHealth } from './cameras/health.ts';
import { startDeviceHub } from './devices/device-hub.ts';
import { startCameraFeeds } from './feeds/lifecycle.ts';
import { startCameraSurfacing } from './incident-cameras/surfacing.ts';
import { startRealtimeHub } from './realtime/hub.ts';
import { startRecordingWorker } from './recordings/worker.ts';
import type { BackgroundPart } from './server.ts';
import { startUnitSimulator } from './simulator/simulator.ts';
import { startTextWorker } from './text112/worker.ts';

export const BACKGROUND_PARTS: BackgroundPart[] = [
  startRealtimeHub,
  startDeviceHub,
  startCallEventWorker,
  startRecordingWorker,
  startTextWorker,
  startUnitSimulator,
  startCameraSurfacing,
  startCameraFeeds,
  startCameraHealth,
  startAlertSnapshots,
];
