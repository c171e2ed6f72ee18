// An account's life after creation: deactivation and reactivation, password reset by an admin, a user's own
// password change, and revoking sessions. Each one that should lock someone out ends their sessions and closes
// their websockets on every instance, and every action is audited.
import type { ChangePasswordRequest, User } from '@hcm112/shared';
import { appendAudit, type Actor } from '../audit/repository.ts';
import type { Db } from '../db/database.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as users from './repository.ts';
import type { AuthService } from './service.ts';

export class UserLifecycle {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
  ) {}

  async setActive(userId: string, active: boolean, actor: Actor, requestId?: string): Promise<User> {
    if (!active && userId === actor.id) throw new Conflict('you cannot deactivate your own account');
    const user = await this.db.transaction().execute(async (trx) => {
      const before = await users.findUserById(trx, userId);
      if (!before) throw new NotFound('user');
      const after = (await users.setUserActive(trx, userId, active))!;
      const ended = active ? 0 : await users.deleteSessionsOfUser(trx, userId);
      await appendAudit(trx, {
        actor,
        action: active ? 'user.activate' : 'user.deactivate',
        targetType: 'user',
        targetId: userId,
        before: { active: before.active },
        after: { active, sessionsEnded: ended },
        requestId,
      });
      return after;
    });
    if (!active) await this.auth.announce({ userId });
    return user;
  }

  /** An admin sets a new password: every session of the user ends (whoever knew the old one is out). */
  async resetPassword(userId: string, password: string, actor: Actor, requestId?: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      if (!(await users.setPasswordHash(trx, userId, hash))) throw new NotFound('user');
      const ended = await users.deleteSessionsOfUser(trx, userId);
      await appendAudit(trx, {
        actor,
        action: 'user.password-reset',
        targetType: 'user',
        targetId: userId,
        after: { sessionsEnded: ended },
        requestId,
      });
    });
    await this.auth.announce({ userId });
  }

  /** A user changes their own password; their other sessions end, the one they are using stays. */
  async changeOwnPassword(
    actor: Actor & { id: string },
    keepTokenHash: string,
    input: ChangePasswordRequest,
    requestId?: string,
  ): Promise<void> {
    const row = await users.findUserRowById(this.db, actor.id);
    if (!row || !(await verifyPassword(row.password_hash, input.currentPassword)))
      throw new Forbidden('the current password is wrong');
    const hash = await hashPassword(input.newPassword);
    const ended = await this.db.transaction().execute(async (trx) => {
      await users.setPasswordHash(trx, actor.id, hash);
      const others = await users.deleteOtherSessionsOfUser(trx, actor.id, keepTokenHash);
      await appendAudit(trx, {
        actor,
        action: 'user.password-change',
        targetType: 'user',
        targetId: actor.id,
        after: { sessionsEnded: others.length },
        requestId,
      });
      return others;
    });
    for (const tokenHash of ended) await this.auth.announce({ tokenHash });
  }

  /** Ends every session of a user (a lost badge, a shared screen) without touching the account. */
  async revokeSessions(userId: string, actor: Actor, requestId?: string): Promise<number> {
    const ended = await this.db.transaction().execute(async (trx) => {
      if (!(await users.findUserById(trx, userId))) throw new NotFound('user');
      const count = await users.deleteSessionsOfUser(trx, userId);
      await appendAudit(trx, {
        actor,
        action: 'user.sessions-revoke',
        targetType: 'user',
        targetId: userId,
        after: { sessionsEnded: count },
        requestId,
      });
      return count;
    });
    await this.auth.announce({ userId });
    return ended;
  }
}
