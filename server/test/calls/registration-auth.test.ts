// Who may register a call-taker's phone, seen by real peers (SIPp over UDP and TCP, a WebSocket client):
// unauthenticated, wrongly authenticated, expired and foreign-Origin attempts are refused and the registered
// phone keeps its calls; the console's short-lived credentials and desk phones' passwords work; a second
// device replaces the first, which is told so through the call-taker API and realtime.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type CallTakerStatus, SipCredentials } from '@hcm112/shared';
import {
  dial,
  ephemeralCredentials,
  freePort,
  newSipSecret,
  register,
  sipp,
  startKamailio,
  startPhone,
  unregisterPhones,
  waitFor,
} from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';
import { startWsPhone } from './ws-phone.ts';

// Kamailio reads desk phones' passwords from this file's database, through its read-only role.
const stack = withCallStack({ deskPhones: true, kamailio: { RING_TIMEOUT_MS: '4000' } });
let admin: Client;

beforeAll(async () => {
  admin = await stack.loginAs('admin');
});

/** A REGISTER with no credentials (Contact `contact`): Kamailio must answer 401 and save nothing. */
function withoutCredentials(extension: string, transport: 'u1' | 't1', contact: string, expires = 600) {
  return sipp('register-without-credentials.xml', stack.kamailio.target, ['-m', '1', '-t', transport], {
    ext: extension,
    contact,
    expires,
  }).ok();
}

/** A REGISTER answering the challenge with `credentials`: Kamailio must refuse it with 403. */
function wrongCredentials(
  extension: string,
  transport: 'u1' | 't1',
  credentials: { username: string; password: string },
) {
  return sipp(
    'register-wrong-credentials.xml',
    stack.kamailio.target,
    ['-m', '1', '-t', transport, '-au', credentials.username, '-ap', credentials.password],
    { ext: extension, contact_port: 5999, expires: 600 },
  ).ok();
}

/** The contact addresses Kamailio holds for an extension. */
async function contactsOf(extension: string): Promise<string[]> {
  const dump = await stack.kamailio.rpc('ul.dump');
  const aor = dump.split(/AoR: /).find((block) => block.startsWith(`${extension}\n`)) ?? '';
  return [...aor.matchAll(/Address: (\S+)/g)].map((m) => m[1]!);
}

/** The WebSocket handshake's HTTP status with `origin` (undefined: no Origin header). */
function handshakeStatus(origin: string | undefined): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${stack.kamailio.wsPort}`, 'sip', origin ? { origin } : {});
  return new Promise((done) => {
    ws.once('open', () => {
      ws.close();
      done(101);
    });
    ws.once('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
    ws.once('error', () => done(0));
  });
}

describe('attacks on a registered phone', () => {
  it('refuses REGISTERs without or with wrong credentials over UDP, TCP and WebSocket, and the phone keeps its calls', {
    timeout: 90_000,
  }, async () => {
    await callTaker(stack, '7201');
    const phone = await startPhone(stack.kamailio, '7201');
    const [registeredContact] = await contactsOf('7201');
    expect(registeredContact).toBe(`sip:7201@127.0.0.1:${phone.port}`);
    const stillRegistered = async () => expect(await contactsOf('7201')).toEqual([registeredContact]);

    // No credentials: 401 (a challenge), nothing saved, not even the removal of every contact.
    await withoutCredentials('7201', 'u1', '<sip:7201@127.0.0.1:5999>');
    await stillRegistered();
    await withoutCredentials('7201', 't1', '<sip:7201@127.0.0.1:5999>');
    await stillRegistered();
    await withoutCredentials('7201', 'u1', '*', 0);
    await stillRegistered();

    // Wrong credentials: 403. A password signed with another secret, another extension's credentials, expired.
    await wrongCredentials('7201', 'u1', ephemeralCredentials(newSipSecret(), '7201'));
    await stillRegistered();
    await wrongCredentials('7201', 't1', ephemeralCredentials(stack.kamailio.sipSecret, '7202'));
    await stillRegistered();
    await wrongCredentials('7201', 't1', ephemeralCredentials(stack.kamailio.sipSecret, '7201', -10));
    await stillRegistered();
    await wrongCredentials('7201', 'u1', { username: '7201', password: 'guessed-password' });
    await stillRegistered();

    // Over WebSocket: no credentials (401), wrong ones (403), expired ones (403).
    for (const [credentials, status] of [
      [null, 401],
      [ephemeralCredentials(newSipSecret(), '7201'), 403],
      [ephemeralCredentials(stack.kamailio.sipSecret, '7201', -10), 403],
    ] as const) {
      const attacker = startWsPhone(stack.kamailio, '7201', { credentials });
      expect(await attacker.registered).toBe(status);
      attacker.close();
      await stillRegistered();
    }

    // A page from another Origin, or a client naming none, cannot open the SIP WebSocket.
    expect(await handshakeStatus('http://evil.example')).toBe(403);
    expect(await handshakeStatus(undefined)).toBe(403);
    const foreign = startWsPhone(stack.kamailio, '7201', { origin: 'http://127.0.0.1:9' });
    expect(await foreign.registered).toBe(403);
    expect(await handshakeStatus(stack.kamailio.wsOrigins[0])).toBe(101);

    // After all of it the real phone still gets the emergency call.
    await dial(stack.kamailio, '0945000001').ok();
    await phone.run.ok();
    await recordedCall(stack.tdb, '0945000001', 'ended');
  });

  it('refuses a REGISTER for an extension that belongs to nobody, even with a password once set for it', async () => {
    const owner = await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '7250' });
    const set = await admin.fetch('/api/sip-phones/7250/password', {
      method: 'PUT',
      json: { password: 'desk-phone-7250-pw' },
    });
    expect(set.status).toBe(200);
    await register(stack.kamailio, '7250', 5998, {
      credentials: { username: '7250', password: 'desk-phone-7250-pw' },
    });
    await register(stack.kamailio, '7250', 5998, {
      expires: 0,
      credentials: { username: '7250', password: 'desk-phone-7250-pw' },
    });
    // The extension is taken from its call-taker: it belongs to nobody now.
    await stack.tdb.db.updateTable('users').set({ sip_extension: null }).where('id', '=', owner.id).execute();
    await wrongCredentials('7250', 'u1', { username: '7250', password: 'desk-phone-7250-pw' });
    // Nobody ever had this one.
    await wrongCredentials('7299', 't1', { username: '7299', password: 'desk-phone-7250-pw' });
    const refused = await admin.fetch('/api/sip-phones/7299/password', {
      method: 'PUT',
      json: { password: 'desk-phone-7299-pw' },
    });
    expect(refused.status).toBe(404);
    expect(await contactsOf('7250')).toEqual([]);
  });
});

describe('desk phones', () => {
  it("are read by Kamailio's own role, which may read nothing else", async () => {
    const client = new pg.Client({ connectionString: stack.tdb.kamailioUrl });
    await client.connect();
    try {
      await expect(client.query('SELECT extension, realm, ha1 FROM sip_desk_phones')).resolves.toBeTruthy();
      for (const table of ['users', 'sip_desk_phone_passwords', 'calls', 'audit_log'])
        await expect(client.query(`SELECT 1 FROM ${table} LIMIT 1`)).rejects.toThrow(/permission denied/);
      await expect(client.query("DELETE FROM sip_desk_phones WHERE extension = '1'")).rejects.toThrow(
        /permission denied|cannot delete/,
      );
    } finally {
      await client.end();
    }
  });

  it('register with the password an admin set, stored only as HA1; a wrong one is refused', async () => {
    const user = await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '7301' });
    const password = 'Desk!phone-7301';
    const set = await admin.fetch('/api/sip-phones/7301/password', { method: 'PUT', json: { password } });
    expect(set.status).toBe(200);
    const body = (await set.json()) as { deskPhone: unknown };
    expect(body.deskPhone).toMatchObject({ extension: '7301', realm: '127.0.0.1' });
    expect(JSON.stringify(body)).not.toContain(password);

    const row = await stack.tdb.db
      .selectFrom('sip_desk_phone_passwords')
      .selectAll()
      .where('extension', '=', '7301')
      .executeTakeFirstOrThrow();
    expect(row.ha1).toBe(createHash('md5').update(`7301:127.0.0.1:${password}`).digest('hex'));
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('sip.desk-password-set');
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(JSON.stringify(audit)).not.toContain(row.ha1);

    const phone = await startPhone(stack.kamailio, '7301', { registerIt: false });
    await wrongCredentials('7301', 'u1', { username: '7301', password: 'Desk!phone-7302' });
    await register(stack.kamailio, '7301', phone.port, {
      transport: 't1',
      credentials: { username: '7301', password },
    });
    expect(await contactsOf('7301')).toEqual([`sip:7301@127.0.0.1:${phone.port}`]);
    await register(stack.kamailio, '7301', phone.port, {
      expires: 0,
      credentials: { username: '7301', password },
    });
    phone.run.stop();
  });

  it('lets only an admin set a password, refuses a short one naming the field, and can remove it', async () => {
    await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '7302' });
    const supervisor = await stack.loginAs('supervisor');
    const byOther = await supervisor.fetch('/api/sip-phones/7302/password', {
      method: 'PUT',
      json: { password: 'long-enough-password' },
    });
    expect(byOther.status).toBe(403);
    const short = await admin.fetch('/api/sip-phones/7302/password', {
      method: 'PUT',
      json: { password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { fields: object } }).error.fields).toHaveProperty('password');
    const badExtension = await admin.fetch('/api/sip-phones/abc/password', {
      method: 'PUT',
      json: { password: 'long-enough-password' },
    });
    expect(badExtension.status).toBe(400);

    const password = 'long-enough-password';
    expect(
      (await admin.fetch('/api/sip-phones/7302/password', { method: 'PUT', json: { password } })).status,
    ).toBe(200);
    expect((await admin.fetch('/api/sip-phones/7302/password', { method: 'DELETE' })).status).toBe(204);
    await wrongCredentials('7302', 'u1', { username: '7302', password });
    expect((await admin.fetch('/api/sip-phones/7302/password', { method: 'DELETE' })).status).toBe(404);
  });
});

describe("the console's short-lived credentials", () => {
  it('are issued to the logged-in call-taker for their extension only, audited without the password', async () => {
    const ct = await callTaker(stack, '7401', false);
    const res = await ct.fetch('/api/calltakers/me/sip-credentials');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const credentials = SipCredentials.parse(((await res.json()) as { credentials: unknown }).credentials);
    expect(credentials).toMatchObject({
      extension: '7401',
      realm: '127.0.0.1',
      wsUrl: stack.server.ctx.config.SIP_WS_URL,
    });
    expect(credentials.username).toMatch(/^\d+:7401$/);
    expect(Date.parse(credentials.expiresAt)).toBeGreaterThan(Date.now());

    const phone = startWsPhone(stack.kamailio, '7401', { credentials });
    expect(await phone.registered).toBe(200);
    phone.close();
    // They name extension 7401: registering another with them is refused.
    const other = startWsPhone(stack.kamailio, '7402', { credentials });
    expect(await other.registered).toBe(403);
    other.close();

    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', ct.user.id)
      .where('action', '=', 'sip.credentials-issued')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(credentials.password);

    const dispatcher = await stack.loginAs('dispatcher');
    expect((await dispatcher.fetch('/api/calltakers/me/sip-credentials')).status).toBe(403);
    const noExtension = await stack.loginAs('call-taker');
    expect((await noExtension.fetch('/api/calltakers/me/sip-credentials')).status).toBe(409);
  });
});

describe('a second device', () => {
  it('replaces the first, which is told it is registered elsewhere; calls go to the second', {
    timeout: 60_000,
  }, async () => {
    const ct = await callTaker(stack, '7501');
    const desk = await stack.subscribe(ct, ['calls']);
    const first = await startPhone(stack.kamailio, '7501');
    await waitFor(async () => {
      const me = (await (await ct.fetch('/api/calltakers/me')).json()) as { callTaker: CallTakerStatus };
      return me.callTaker.state === 'ready' ? true : undefined;
    }, 'the first phone to make 7501 ready');

    const credentials = SipCredentials.parse(
      ((await (await ct.fetch('/api/calltakers/me/sip-credentials')).json()) as { credentials: unknown })
        .credentials,
    );
    const second = startWsPhone(stack.kamailio, '7501', { credentials });
    expect(await second.registered).toBe(200);

    const told = await desk.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'calltaker.updated' &&
        m.envelope.event.callTaker.reason === 'registered-elsewhere',
      'calltaker.updated with reason registered-elsewhere',
    );
    expect(told).toMatchObject({
      envelope: { event: { callTaker: { sipExtension: '7501', state: 'ready' } } },
    });
    const me = (await (await ct.fetch('/api/calltakers/me')).json()) as { callTaker: CallTakerStatus };
    expect(me.callTaker).toMatchObject({ state: 'ready', reason: 'registered-elsewhere' });
    const contacts = await contactsOf('7501');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatch(/\.invalid;transport=ws$/);

    await dial(stack.kamailio, '0945000501').ok();
    expect(await second.done).toEqual([
      expect.stringMatching(/^INVITE /),
      expect.stringMatching(/^ACK /),
      expect.stringMatching(/^BYE /),
    ]);
    second.close();
    first.run.stop();
  });
});

describe('without PostgreSQL', () => {
  it('Kamailio starts and emergency calls reach a registered phone; a desk phone is told to retry (503)', {
    timeout: 60_000,
  }, async () => {
    // Nothing listens there: the database is away from the start. No call control either: the fallback rings.
    const nowhere = `postgres://e112_kamailio:e112_kamailio@127.0.0.1:${await freePort()}/e112`;
    const edge = await startKamailio({
      KAMAILIO_DATABASE_URL: nowhere,
      FALLBACK_EXTS: '7601',
      RING_TIMEOUT_MS: '4000',
    });
    try {
      const phone = await startPhone(edge, '7601');
      await dial(edge, '0945000601').ok();
      await phone.run.ok();
      await expect(
        register(edge, '7602', 5997, { credentials: { username: '7602', password: 'desk-phone-7602' } }),
      ).rejects.toThrow(/503/);
    } finally {
      await unregisterPhones(edge).catch(() => undefined);
      await edge.stop();
    }
  });
});

describe("Kamailio's secrets", () => {
  const KAMAILIO_SH = resolve(import.meta.dirname, '../../../telephony/scripts/kamailio.sh');

  /** PIDs of the processes whose command line names this SIP port. */
  function kamailioPids(sipPort: number): number[] {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(`SIP_PORT=${sipPort}\0`);
        } catch {
          return false;
        }
      })
      .map(Number);
  }

  it('never reach its command line, its environment or its log; the file holding them is 0600', async () => {
    const secret = stack.kamailio.sipSecret;
    const pids = kamailioPids(stack.kamailio.sipPort);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) {
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(secret);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(secret);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain('KAMAILIO_DATABASE_URL');
    }
    expect(stack.kamailio.log()).not.toContain(secret);
    const local = join(readlinkSync(`/proc/${pids[0]}/cwd`), 'kamailio-local.cfg');
    expect(statSync(local).mode & 0o777).toBe(0o600);
  });

  it('are required: without SIP_AUTH_SECRET Kamailio does not start', async () => {
    const env = { ...process.env, SIP_PORT: '1', SIP_AUTH_SECRET: '' };
    const started = promisify(execFile)('bash', [KAMAILIO_SH, 'start'], { env });
    await expect(started).rejects.toThrow(/SIP_AUTH_SECRET must be/);
  });

  it('without SIP_AUTH_SECRET the server gives the console no credentials (503)', async () => {
    const server = await startTestServer(stack.tdb, { SIP_AUTH_SECRET: '' });
    try {
      const ct = await login(
        server.url,
        await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '7701' }),
      );
      expect((await ct.fetch('/api/calltakers/me/sip-credentials')).status).toBe(503);
    } finally {
      await server.stop();
    }
  });
});
