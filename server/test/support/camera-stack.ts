// One camera-test file's stack, set up once: real test cameras (when the file needs live feeds) and the server of
// withServer with the periodic camera health check off unless the file turns it on.
import { afterAll, beforeAll } from 'vitest';
import { type CameraSources, startCameraSources } from '../../testing/camera-sources.ts';
import { type ServerStack, type ServerStackOptions, withServer } from './server-stack.ts';

export interface CameraStack extends ServerStack {
  /** Set before the file's first test when `sources` was asked for. */
  sources: CameraSources;
}

export interface CameraStackOptions extends ServerStackOptions {
  /** Test cameras to start, by kind and name (see testing/camera-sources.ts). */
  sources?: Parameters<typeof startCameraSources>[0];
}

/** Registers the hooks of a camera-test file; the stack's fields are set once they ran. */
export function withCameraStack(options: CameraStackOptions = {}): CameraStack {
  const kinds = options.sources;
  // Started before the server and stopped after it, so the server never restreams from a source not yet up.
  if (kinds) {
    beforeAll(async () => {
      stack.sources = await startCameraSources(kinds);
    }, 90_000);
    afterAll(async () => {
      await stack.sources?.stop();
    });
  }
  const stack = withServer({
    ...options,
    env: { CAMERA_HEALTH_INTERVAL_SECONDS: '0', ...options.env },
  }) as CameraStack;
  return stack;
}
