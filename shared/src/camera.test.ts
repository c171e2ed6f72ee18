import { describe, expect, it } from 'vitest';
import {
  ALERT_INCIDENT_TYPE,
  AlertKind,
  CreateCameraRequest,
  INCIDENT_TYPES,
  isKnownSubtype,
  PromoteAlertRequest,
  RealtimeEvent,
  SetIncidentCameraRequest,
  UpdateCameraRequest,
} from './index.ts';

const camera = {
  code: 'CAM-1',
  name: 'Lê Lợi',
  point: { lat: 10.77, lon: 106.7 },
  bearingDeg: 90,
  fovDeg: 60,
  rangeM: 150,
  layer: 'mid',
  owner: 'transport',
};

describe('camera schemas', () => {
  it('leaves out of an update every field that was not sent (no defaults: PTZ, district, stream kept)', () => {
    expect(UpdateCameraRequest.parse({ streamUrl: 'http://10.0.0.1/live.m3u8' })).toEqual({
      streamUrl: 'http://10.0.0.1/live.m3u8',
    });
    expect(UpdateCameraRequest.parse({ name: 'Pasteur' })).toEqual({ name: 'Pasteur' });
  });

  it('wants a stream URL and kind together, with a scheme that fits the kind', () => {
    expect(CreateCameraRequest.safeParse(camera).success).toBe(true);
    const ok = { ...camera, streamKind: 'rtsp', streamUrl: 'rtsp://10.0.0.1/live' };
    expect(CreateCameraRequest.safeParse(ok).success).toBe(true);
    const issue = (v: object) => CreateCameraRequest.safeParse(v).error?.issues[0];
    expect(issue({ ...camera, streamKind: 'hls' })?.path).toEqual(['streamUrl']);
    expect(issue({ ...camera, streamUrl: 'rtsp://x/y' })?.path).toEqual(['streamKind']);
    expect(issue({ ...camera, streamKind: 'mjpeg', streamUrl: 'rtsp://x/y' })?.path).toEqual(['streamUrl']);
    expect(issue({ ...camera, bearingDeg: 360 })?.path).toEqual(['bearingDeg']);
  });

  it('maps every alert kind to a known incident type and subtype', () => {
    for (const kind of AlertKind.options) {
      const { type, subtype } = ALERT_INCIDENT_TYPE[kind];
      expect(INCIDENT_TYPES[type]).toBeDefined();
      expect(isKnownSubtype(type, subtype)).toBe(true);
    }
  });

  it('refuses empty pin/hide changes and a promoted type without its subtype', () => {
    expect(SetIncidentCameraRequest.safeParse({}).success).toBe(false);
    expect(SetIncidentCameraRequest.safeParse({ hidden: true }).success).toBe(true);
    expect(PromoteAlertRequest.safeParse({ type: 'fire' }).error?.issues[0]?.path).toEqual(['subtype']);
    expect(PromoteAlertRequest.safeParse({}).success).toBe(true);
  });

  it('carries an incident camera list with the time it was computed', () => {
    const event = {
      type: 'incident.cameras',
      incidentId: '7f0c2a8e-2f5e-4c8a-9b1e-0d3c1f2a4b5c',
      cameras: [],
      computedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(RealtimeEvent.safeParse(event).success).toBe(true);
    expect(RealtimeEvent.safeParse({ ...event, computedAt: undefined }).success).toBe(false);
  });
});
