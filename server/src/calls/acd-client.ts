// The server's only link to call control: reads the ACD's state in Redis (layout from shared/) and sends it
// commands through BullMQ, waiting for their result. Never imports telephony code.
import {
  ACD_COMMANDS_QUEUE,
  AcdAgentRecord,
  type AcdCommand,
  AcdCommandResult,
  type AcdKeys,
  acdKeys,
  ControllerStatus,
  WrapUpDefaults,
  WrapUpOverride,
  MediaRelayState,
} from '@hcm112/shared';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../context.ts';
import { Unavailable } from '../errors.ts';

const COMMAND_TIMEOUT_MS = 5000;
const POLL_MS = 20;

export class AcdClient {
  private readonly keys: AcdKeys;
  private readonly commands: Queue;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = acdKeys(prefix);
    // Shares the server's connection: closed with it.
    this.commands = new Queue(ACD_COMMANDS_QUEUE, { connection: redis, prefix });
  }

  /** The call-control instance routing calls, or null when none is connected to Kamailio. */
  async controller(): Promise<ControllerStatus | null> {
    const raw = await this.redis.get(this.keys.controller);
    const parsed = raw ? ControllerStatus.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : null;
  }

  /** Whether calls' media relay answers; unknown while no call control is connected to say. */
  async mediaRelay(): Promise<MediaRelayState> {
    const [state, controller] = await Promise.all([this.redis.get(this.keys.mediaRelay), this.controller()]);
    const parsed = MediaRelayState.safeParse(state);
    return controller && parsed.success ? parsed.data : 'unknown';
  }

  /** The Call-IDs of the text sessions the ACD holds (queued, offered or answered): a scan, for a rare sync. */
  async textCalls(): Promise<string[]> {
    const prefix = this.keys.call('');
    const found: string[] = [];
    const scan = this.redis.scanStream({ match: `${prefix}text-*`, count: 500 }) as AsyncIterable<string[]>;
    for await (const keys of scan) for (const key of keys) found.push(key.slice(prefix.length));
    return found;
  }

  /** The ACD's record of each extension (defaults for one it never saw). */
  async agents(extensions: string[]): Promise<Map<string, AcdAgentRecord>> {
    const out = new Map<string, AcdAgentRecord>();
    if (extensions.length === 0) return out;
    const pipeline = this.redis.pipeline();
    for (const ext of extensions) pipeline.hgetall(this.keys.agent(ext));
    const results = (await pipeline.exec()) ?? [];
    extensions.forEach((ext, i) => {
      out.set(ext, AcdAgentRecord.parse(results[i]?.[1] ?? {}));
    });
    return out;
  }

  /** The supervisor's centre-wide wrap-up (null: none set) and call control's configured figures. */
  async wrapUp(): Promise<{ override: WrapUpOverride | null; defaults: WrapUpDefaults | null }> {
    const [override, defaults] = await this.redis.mget(this.keys.wrapUpOverride, this.keys.wrapUpDefaults);
    const parse = <T>(
      schema: { safeParse(v: unknown): { success: boolean; data?: T } },
      raw: string | null,
    ) => (raw ? (schema.safeParse(JSON.parse(raw)).data ?? null) : null);
    return {
      override: parse(WrapUpOverride, override ?? null),
      defaults: parse(WrapUpDefaults, defaults ?? null),
    };
  }

  /** One of the two places the server writes the ACD's state: call control reads it at each call's end. */
  async setWrapUpOverride(override: WrapUpOverride | null): Promise<void> {
    if (override) await this.redis.set(this.keys.wrapUpOverride, JSON.stringify(override));
    else await this.redis.del(this.keys.wrapUpOverride);
  }

  /**
   * Sends a command and waits for call control's answer. 503 when no call control is connected or it does
   * not answer in time; an unanswered command is withdrawn so it cannot apply later.
   */
  async command(command: AcdCommand): Promise<AcdCommandResult> {
    if (!(await this.controller())) throw new Unavailable('call control is not running; try again shortly');
    const job = await this.commands.add(command.cmd, command, {
      attempts: 1,
      removeOnComplete: { age: 300 },
      removeOnFail: { age: 300 },
    });
    const deadline = Date.now() + COMMAND_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const state = await this.commands.getJobState(job.id!);
      if (state === 'completed') {
        const done = await this.commands.getJob(job.id!);
        return AcdCommandResult.parse(done?.returnvalue);
      }
      if (state === 'failed') return { ok: false, reason: 'call control failed the command' };
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    await job.remove().catch(() => undefined);
    throw new Unavailable('call control did not answer; try again shortly');
  }
}

const clients = new WeakMap<AppContext, AcdClient>();

/** One client per server process context. */
export function acdClientOf(ctx: AppContext): AcdClient {
  let client = clients.get(ctx);
  if (!client) {
    client = new AcdClient(ctx.redis, ctx.config.REDIS_PREFIX);
    clients.set(ctx, client);
  }
  return client;
}
