// One call-test file's stack, set up once: the server of withServer, a private Kamailio and call control leading
// it; after each test the phones leave and the call-control instances the test started stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallControlProcess,
  type Kamailio,
  newSipSecret,
  startCallControl,
  startKamailio,
  unregisterPhones,
} from '@hcm112/telephony/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ServerStack, type ServerStackOptions, withServer } from '../support/server-stack.ts';

export interface CallStack extends ServerStack {
  /** Set before the file's first test. */
  kamailio: Kamailio;
  /** The file's recording folders: `rtpengine/` (its pcaps, RECORDING_DIR) and `calls/` (RECORDING_STORE_DIR). */
  recordingDir: string;
  /** The call control started with the file (none with `callControl: false`). */
  control: CallControlProcess | undefined;
  /** Another call-control instance on the file's Kamailio and Redis, stopped after the test that started it. */
  startControl(options?: Parameters<typeof startCallControl>[3]): Promise<CallControlProcess>;
}

export interface CallStackOptions extends ServerStackOptions {
  /** Kamailio settings that differ (telephony/scripts/kamailio.sh names). */
  kamailio?: Record<string, string>;
  /** Call-control settings that differ (telephony/src/config.ts names), for the file's own call control. */
  callControlEnv?: Record<string, string>;
  /** Start call control with the file (default true). */
  callControl?: boolean;
  /** Kamailio reads desk phones' passwords from the file's database (as its own read-only role). */
  deskPhones?: boolean;
}

/** Registers the hooks of a call-test file; the stack's fields are set once they ran. */
export function withCallStack(options: CallStackOptions = {}): CallStack {
  const perTest: CallControlProcess[] = [];
  // The server and Kamailio share the secret of the console's SIP credentials, as in production.
  const sipSecret = newSipSecret();
  const recordingDir = mkdtempSync(join(tmpdir(), 'e112-recordings-'));
  const stack = withServer({
    ...options,
    env: {
      SIP_AUTH_SECRET: sipSecret,
      RECORDING_DIR: join(recordingDir, 'rtpengine'),
      RECORDING_STORE_DIR: join(recordingDir, 'calls'),
      ...options.env,
    },
  }) as CallStack;
  stack.recordingDir = recordingDir;
  const start = (more?: Parameters<typeof startCallControl>[3]) =>
    startCallControl(
      stack.kamailio,
      stack.server.ctx.config.REDIS_URL,
      stack.server.ctx.config.REDIS_PREFIX,
      more,
    );
  stack.startControl = async (more) => {
    const control = await start(more);
    perTest.push(control);
    return control;
  };
  beforeAll(async () => {
    stack.kamailio = await startKamailio(
      {
        SIP_AUTH_SECRET: sipSecret,
        ...(options.deskPhones && { KAMAILIO_DATABASE_URL: stack.tdb.kamailioUrl }),
        ...options.kamailio,
      },
      { recordingDir: join(recordingDir, 'rtpengine') },
    );
    stack.control =
      options.callControl === false ? undefined : await start({ env: options.callControlEnv ?? {} });
  });
  // Each test's phones leave, so the next test's call is not offered to a phone that is gone.
  afterEach(async () => {
    await unregisterPhones(stack.kamailio);
    for (const control of perTest.splice(0)) await control.stop();
  });
  afterAll(async () => {
    await stack.control?.stop();
    await stack.kamailio?.stop();
    rmSync(recordingDir, { recursive: true, force: true });
  });
  return stack;
}
