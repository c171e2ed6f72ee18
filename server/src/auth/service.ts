// Login, logout and session lookup, with throttling of failed logins and an audit row for each.
import { createHash, randomBytes } from 'node:crypto';
import type { CreateUserRequest, LoginRequest, User } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/repository.ts';
import type { Database } from '../db/schema.ts';
import { Conflict, TooManyRequests, Unauthenticated } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as users from './repository.ts';

/** Failed logins allowed per username, and per client address (a whole room may share one address). */
const MAX_FAILURES = { user: 5, ip: 30 } as const;
const FAILURE_WINDOW_SECONDS = 300;

export interface AuthServiceDeps {
  db: Kysely<Database>;
  redis: Redis;
  redisPrefix: string;
  sessionTtlHours: number;
  now?: () => Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly now: () => Date;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async login(
    input: LoginRequest,
    clientIp: string,
    requestId?: string,
  ): Promise<{ token: string; user: User }> {
    const keys = [this.failureKey('user', input.username), this.failureKey('ip', clientIp)];
    const counts = await this.deps.redis.mget(keys);
    if (Number(counts[0] ?? 0) >= MAX_FAILURES.user || Number(counts[1] ?? 0) >= MAX_FAILURES.ip) {
      const ttl = Math.max(1, await this.deps.redis.ttl(keys[0]!));
      throw new TooManyRequests('too many failed logins, wait before trying again', ttl);
    }
    const row = await users.findUserByUsername(this.deps.db, input.username);
    const ok = row?.active === true && (await verifyPassword(row.password_hash, input.password));
    if (!row || !ok) {
      const tx = this.deps.redis.multi();
      for (const k of keys) tx.incr(k).expire(k, FAILURE_WINDOW_SECONDS);
      await tx.exec();
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
    await this.deps.redis.del(keys[0]!);
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(this.now().getTime() + this.deps.sessionTtlHours * 3600_000);
    const user = users.toUser(row);
    await this.deps.db.transaction().execute(async (trx) => {
      await users.insertSession(trx, hashToken(token), user.id, expires);
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
  }

  async authenticate(token: string | undefined): Promise<User | undefined> {
    if (!token || token.length > 200) return undefined;
    return users.findSessionUser(this.deps.db, hashToken(token), this.now());
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

  private failureKey(kind: 'user' | 'ip', value: string): string {
    return `${this.deps.redisPrefix}:login-fail:${kind}:${value.slice(0, 128)}`;
  }
}
