// Cameras for tests, registered the way an admin does it (POST /api/cameras): every field a test does not care
// about has a default, and each camera gets a code of its own unless the test names it.
import type { Camera, CameraFields } from '@hcm112/shared';
import { expect } from 'vitest';
import type { Client } from './server.ts';

let made = 0;

/** Registers a camera near the Bến Thành market with `fields` over the defaults; a 201 is expected. */
export async function addCamera(admin: Client, fields: Partial<CameraFields> = {}): Promise<Camera> {
  made += 1;
  const code = fields.code ?? `TEST-CAM-${made}`;
  const res = await admin.fetch('/api/cameras', {
    method: 'POST',
    json: {
      code,
      name: code,
      point: { lat: 10.7725, lon: 106.698 },
      bearingDeg: 0,
      fovDeg: 90,
      rangeM: 150,
      layer: 'mid',
      owner: 'transport',
      ...fields,
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { camera: Camera }).camera;
}
