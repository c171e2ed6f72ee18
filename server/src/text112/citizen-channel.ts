// What a citizen's chat page hears: each session's events on its own Redis channel, so the page's event stream
// on any server instance gets them; one subscriber connection per server fans them out to its open streams.
import type { CitizenTextEvent } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';

type Listener = (event: CitizenTextEvent) => void;

function channelPrefix(prefix: string): string {
  return `${prefix}:text112:citizen:`;
}

export function publishToCitizen(
  ctx: AppContext,
  sessionId: string,
  event: CitizenTextEvent,
): Promise<number> {
  return ctx.redis.publish(`${channelPrefix(ctx.config.REDIS_PREFIX)}${sessionId}`, JSON.stringify(event));
}

/** This instance's open citizen streams, by session. */
export class CitizenStreams {
  private readonly listeners = new Map<string, Set<Listener>>();

  listen(sessionId: string, listener: Listener): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) {
      set = new Set();
      this.listeners.set(sessionId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  deliver(sessionId: string, event: CitizenTextEvent): void {
    for (const listener of this.listeners.get(sessionId) ?? []) listener(event);
  }
}

export const citizenStreams = new CitizenStreams();

export async function startCitizenChannel(ctx: AppContext): Promise<Lifecycle> {
  const prefix = channelPrefix(ctx.config.REDIS_PREFIX);
  const subscriber: Redis = ctx.redis.duplicate();
  subscriber.on('pmessage', (_pattern, channel: string, message: string) => {
    citizenStreams.deliver(channel.slice(prefix.length), JSON.parse(message) as CitizenTextEvent);
  });
  await subscriber.psubscribe(`${prefix}*`);
  return {
    name: 'text112 citizen channel',
    async stop() {
      subscriber.disconnect();
    },
  };
}
