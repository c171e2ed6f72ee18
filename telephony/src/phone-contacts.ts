// The contact of each registered phone as Kamailio last reported it, kept in Redis so it outlives a restart of
// Kamailio (whose registrations live in memory). After every sync call control names each one to Kamailio
// (route[CMD_CONTACT]), which puts a UDP phone back and reports a TCP or WebSocket phone unregistered.
import { type AcdKeys, PhoneContact, safeJson } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import type { KamailioEvent } from './kamailio-events.ts';

type Registration = Extract<KamailioEvent, { event: 'registration' }>;

/** Sends a command to Kamailio; false when not connected or no longer the leader. */
type Send = (command: Record<string, unknown>) => boolean;

export class PhoneContacts {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AcdKeys,
    private readonly clock: () => Date,
  ) {}

  /** Keeps the contact of a phone that registered; forgets the extension's when it is unregistered. */
  async remember(e: Registration): Promise<void> {
    if (e.registered !== 1 || !e.contact || !e.expires) {
      await this.redis.hdel(this.keys.contacts, e.extension);
      return;
    }
    const contact: PhoneContact = {
      contact: e.contact,
      transport: e.transport.toLowerCase(),
      expires: e.expires,
    };
    await this.redis.hset(this.keys.contacts, e.extension, JSON.stringify(contact));
  }

  /**
   * Names every remembered phone to Kamailio, which checks it still holds its registration. Returns the
   * extensions whose registration expired meanwhile (forgotten here; their call-takers are unregistered).
   */
  async confirmAll(send: Send): Promise<string[]> {
    const nowS = Math.floor(this.clock().getTime() / 1000);
    const expired: string[] = [];
    for (const [extension, raw] of Object.entries(await this.redis.hgetall(this.keys.contacts))) {
      const parsed = PhoneContact.safeParse(safeJson(raw));
      if (!parsed.success || parsed.data.expires <= nowS) {
        await this.redis.hdel(this.keys.contacts, extension);
        expired.push(extension);
        continue;
      }
      if (!send({ cmd: 'contact', extension, ...parsed.data })) break;
    }
    return expired;
  }
}
