// One test file's database and server, set up once: a private copy of the migrated database and a real server on
// it, started before the file's tests and stopped after them; users and subscribed consoles are made on demand.
import type { Role, Stream } from '@hcm112/shared';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { connectConsole, type TestConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { type Client, login, makeUser, startTestServer } from './server.ts';

export interface DatabaseStack {
  /** Set before the file's first test. */
  tdb: TestDatabase;
}

/** Registers the hooks that copy the file's database from the template and drop it after the file. */
export function withDatabase(options: { city?: boolean } = {}): DatabaseStack {
  const stack = {} as DatabaseStack;
  beforeAll(async () => {
    stack.tdb = await createTestDatabase({ city: options.city });
  });
  afterAll(async () => {
    await stack.tdb?.drop();
  });
  return stack;
}

export interface ServerStack extends DatabaseStack {
  /** Set before the file's first test. */
  server: RunningServer;
  /** A new user of `role`, logged in over HTTP. */
  loginAs(role: Role, overrides?: Parameters<typeof makeUser>[2]): Promise<Client>;
  /** A new logged-in user for each of `roles`, in that order. */
  loginEach<const R extends readonly Role[]>(...roles: R): Promise<{ [K in keyof R]: Client }>;
  /** `client`'s console on the realtime websocket once subscribed to `streams`; closed after the file. */
  subscribe(client: Client, streams: Stream[]): Promise<TestConsole>;
}

export interface ServerStackOptions {
  /** Start from the template with the demo city seeded. */
  city?: boolean;
  /** Settings that differ from the test defaults (config.ts names). */
  env?: Record<string, string>;
  /** The server's clock, where a test needs to fix "now". */
  clock?: () => Date;
}

/** Registers the hooks that start and stop the file's server; the stack's fields are set once they ran. */
export function withServer(options: ServerStackOptions = {}): ServerStack {
  const consoles: TestConsole[] = [];
  const stack = withDatabase(options) as ServerStack;
  stack.loginAs = async (role, overrides) =>
    login(stack.server.url, await makeUser(stack.tdb.db, role, overrides));
  stack.loginEach = ((...roles: Role[]) =>
    Promise.all(roles.map((role) => stack.loginAs(role)))) as ServerStack['loginEach'];
  stack.subscribe = async (client, streams) => {
    const desk = await connectConsole(stack.server.url, client.token);
    consoles.push(desk);
    desk.send({ type: 'subscribe', streams });
    await desk.waitFor((m) => m.type === 'subscribed', 'subscribed');
    return desk;
  };
  beforeAll(async () => {
    stack.server = await startTestServer(stack.tdb, options.env, options.clock);
  });
  afterAll(async () => {
    for (const desk of consoles.splice(0)) await desk.close();
    await stack.server?.stop();
  });
  return stack;
}
