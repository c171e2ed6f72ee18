// One call-test file's stack, set up once: the server of withServer, a private Kamailio and call control leading
// it; after each test the phones leave and the call-control instances the test started stop.
import {
  type CallControlProcess,
  type Kamailio,
  startCallControl,
  startKamailio,
  unregisterPhones,
} from '@hcm112/telephony/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ServerStack, type ServerStackOptions, withServer } from '../support/server-stack.ts';

export interface CallStack extends ServerStack {
  /** Set before the file's first test. */
  kamailio: Kamailio;
  /** The call control started with the file (none with `callControl: false`). */
  control: CallControlProcess | undefined;
  /** Another call-control instance on the file's Kamailio and Redis, stopped after the test that started it. */
  startControl(options?: Parameters<typeof startCallControl>[3]): Promise<CallControlProcess>;
}

export interface CallStackOptions extends ServerStackOptions {
  /** Kamailio settings that differ (telephony/scripts/kamailio.sh names). */
  kamailio?: Record<string, string>;
  /** Start call control with the file (default true). */
  callControl?: boolean;
}

/** Registers the hooks of a call-test file; the stack's fields are set once they ran. */
export function withCallStack(options: CallStackOptions = {}): CallStack {
  const perTest: CallControlProcess[] = [];
  const stack = withServer(options) as CallStack;
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
    stack.kamailio = await startKamailio(options.kamailio);
    stack.control = options.callControl === false ? undefined : await start();
  });
  // Each test's phones leave, so the next test's call is not offered to a phone that is gone.
  afterEach(async () => {
    await unregisterPhones(stack.kamailio);
    for (const control of perTest.splice(0)) await control.stop();
  });
  afterAll(async () => {
    await stack.control?.stop();
    await stack.kamailio?.stop();
  });
  return stack;
}
