// `npm run analytics:send -w server -- --camera CAM-0001 --kind accident`: posts one signed analytics event,
// as a camera analytics box would (by default as the seeded demo source, to this machine's server).
import { parseArgs } from 'node:util';
import { ANALYTICS_HEADERS, AnalyticsEvent } from '@hcm112/shared';
import { loadConfig } from '../config.ts';
import { DEMO_ANALYTICS_SOURCE } from '../seed/demo-cameras.ts';
import { signAnalytics } from './signature.ts';

const config = loadConfig();
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://${config.HOST}:${config.PORT}` },
    source: { type: 'string', default: DEMO_ANALYTICS_SOURCE.name },
    secret: { type: 'string', default: DEMO_ANALYTICS_SOURCE.secret },
    camera: { type: 'string', default: 'CAM-0001' },
    kind: { type: 'string', default: 'accident' },
    confidence: { type: 'string', default: '0.8' },
  },
});

const event = AnalyticsEvent.parse({
  cameraCode: values.camera,
  kind: values.kind,
  at: new Date().toISOString(),
  confidence: Number(values.confidence),
});
const body = JSON.stringify(event);
const timestamp = Math.floor(Date.now() / 1000);
const res = await fetch(`${values.url}/api/analytics/events`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    [ANALYTICS_HEADERS.source]: values.source,
    [ANALYTICS_HEADERS.timestamp]: String(timestamp),
    [ANALYTICS_HEADERS.signature]: signAnalytics(values.secret, timestamp, body),
  },
  body,
});
process.stdout.write(`${res.status} ${await res.text()}\n`);
if (!res.ok) process.exitCode = 1;
