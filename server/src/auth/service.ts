// Login, logout and session lookup, with throttling of failed logins and an audit row for each.
import { createHash, randomBytes } from 'node:crypto';
import type { CreateUserRequest, LoginRequest, User } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/repository.ts';
import type { Database } from '../db/schema.ts';
import { Conflict, Unauthenticated } from '../errors.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as users from './repository.ts';
import { announceSessionEnd, type SessionEnd } from './session-ends.ts';

/** A session's last use is written at most this often (every request would be a write). */
const TOUCH_EVERY_MS = 60_000;

export interface AuthServiceDeps {
  db: Kysely<Database>;
  redis: Redis;
  redisPrefix: string;
  sessionTtlHours: number;
  /** 0: sessions end only at their TTL. */
  sessionIdleMinutes?: number;
  now?: () => Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly now: () => Date;
  private readonly throttle: LoginThrottle;
  /** A hash of nothing anyone knows: an unknown username costs the same argon2 time as a wrong password. */
  private readonly decoyHash: Promise<string>;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.throttle = new LoginThrottle(deps.redis, deps.redisPrefix);
    this.decoyHash = hashPassword(randomBytes(32).toString('base64url'));
    // Awaited by the first unknown-username login; a failure surfaces there, not as an unhandled rejection.
    this.decoyHash.catch(() => {});
  }

  async login(
    input: LoginRequest,
    clientIp: string,
    requestId?: string,
  ): Promise<{ token: string; user: User }> {
    await this.throttle.check(input.username, clientIp);
    const row = await users.findUserByUsername(this.deps.db, input.username);
    const matches = await verifyPassword(row?.password_hash ?? (await this.decoyHash), input.password);
    if (!row?.active || !matches) {
      await this.throttle.failed(input.username, clientIp);
      await appendAudit(this.deps.db, {
        actor: { id: row?.id ?? null, name: input.username },
        action: 'auth.login-failed',
        targetType: 'user',
        targetId: row?.id ?? null,
        after: { ip: clientIp },
        requestId,
      });
      throw new Unauthenticated('wrong username or password');
    }
    await this.throttle.succeeded(input.username, clientIp);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expires = new Date(now.getTime() + this.deps.sessionTtlHours * 3600_000);
    const user = users.toUser(row);
    await this.deps.db.transaction().execute(async (trx) => {
      await users.insertSession(trx, hashToken(token), user.id, expires, now);
      await appendAudit(trx, {
        actor: { id: user.id, name: user.username },
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        after: { ip: clientIp, role: user.role },
        requestId,
      });
    });
    return { token, user };
  }

  async logout(token: string, actor: Actor, requestId?: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await users.deleteSession(trx, hashToken(token));
      await appendAudit(trx, {
        actor,
        action: 'auth.logout',
        targetType: 'user',
        targetId: actor.id,
        requestId,
      });
    });
    await this.announce({ tokenHash: hashToken(token) });
  }

  /**
   * The user of a live session. `activity` (an HTTP request, not a websocket heartbeat) counts as use for the
   * idle timeout: a console left open is not someone at the keyboard.
   */
  async authenticate(token: string | undefined, activity = true): Promise<User | undefined> {
    if (!token || token.length > 200) return undefined;
    const now = this.now();
    const idle = this.deps.sessionIdleMinutes ?? 0;
    const idleSince = idle > 0 ? new Date(now.getTime() - idle * 60_000) : undefined;
    const tokenHash = hashToken(token);
    const found = await users.findSessionUser(this.deps.db, tokenHash, now, idleSince);
    if (!found) return undefined;
    const { lastSeenAt, ...user } = found;
    if (activity && now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await users.touchSession(this.deps.db, tokenHash, now);
    return user;
  }

  /** Closes the websockets of ended sessions on every instance. */
  async announce(end: SessionEnd): Promise<void> {
    await announceSessionEnd(this.deps.redis, this.deps.redisPrefix, end);
  }

  async createUser(input: CreateUserRequest, actor: Actor, requestId?: string): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.deps.db.transaction().execute(async (trx) => {
      if (await users.findUserByUsername(trx, input.username))
        throw new Conflict(`user ${input.username} exists`);
      const user = await users.insertUser(trx, { ...input, passwordHash });
      await appendAudit(trx, {
        actor,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: user,
        requestId,
      });
      return user;
    });
  }
}
