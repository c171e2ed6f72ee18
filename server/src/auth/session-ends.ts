// Tells every server instance that sessions ended (logout, deactivation, revocation, password change), so the
// realtime hub closes their websockets at once instead of delivering to them until they reconnect.
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const SessionEnd = z.union([
  z.object({ tokenHash: z.string().min(1).max(128) }),
  z.object({ userId: z.uuid() }),
]);
export type SessionEnd = z.infer<typeof SessionEnd>;

export function sessionEndChannel(redisPrefix: string): string {
  return `${redisPrefix}:rt:session-end`;
}

export async function announceSessionEnd(redis: Redis, redisPrefix: string, end: SessionEnd): Promise<void> {
  await redis.publish(sessionEndChannel(redisPrefix), JSON.stringify(end));
}
