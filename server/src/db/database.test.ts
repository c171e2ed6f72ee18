import { connect, createServer, type Socket } from 'node:net';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createDb, isDatabaseUnavailable } from './database.ts';

it('survives the connection dropping under a client just taken from the pool', async () => {
  const target = new URL(loadConfig().DATABASE_ADMIN_URL);
  // A relay to PostgreSQL whose connections the test cuts, as a PostgreSQL restart would.
  const sockets: Socket[] = [];
  const relay = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.push(client, upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((relay.address() as { port: number }).port);
  url.pathname = '/postgres';
  const db = createDb(url.toString(), 2);
  await sql`SELECT 1`.execute(db);

  for (const s of sockets) s.destroy();
  // The idle client is handed out before its socket's close is seen: an unhandled client error would end
  // the process here.
  const outcome = await db
    .transaction()
    .execute((trx) => sql`SELECT 1`.execute(trx))
    .then(
      () => 'applied',
      (err: unknown) => (isDatabaseUnavailable(err) ? 'unavailable' : String(err)),
    );
  expect(['applied', 'unavailable']).toContain(outcome);
  expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows).toEqual([{ one: 1 }]);
  await db.destroy();
  await new Promise((resolve) => relay.close(resolve));
});
