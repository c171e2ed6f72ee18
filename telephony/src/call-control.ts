// The call-control service: the leader lock, evapi to Kamailio, the ACD, and the console's commands (BullMQ
// "acd-commands"). Only the leader connects to Kamailio and takes commands; a standby waits for the lock.
import { readFileSync } from 'node:fs';
import {
  ACD_COMMANDS_QUEUE,
  AcdCommand,
  type AcdCommandResult,
  type ControllerStatus,
  hopNow,
  safeJson,
} from '@hcm112/shared';
import { HopTrace } from '@hcm112/shared/hop-trace';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Acd, type KamailioCommand } from './acd.ts';
import { Announcements, announcementSettings } from './announcements.ts';
import { AcdStore } from './acd-store.ts';
import { answerForAnnouncement, RtpengineNg } from './rtpengine-ng.ts';
import { AgentUpkeep } from './agent-upkeep.ts';
import { CallEventSink } from './call-events.ts';
import { CallTakers } from './call-takers.ts';
import { trustedTrunks } from './caller-identity.ts';
import { HeldClient } from './held.ts';
import { ReferenceLocations } from './reference-locations.ts';
import type { TelephonyConfig } from './config.ts';
import { EvapiClient } from './evapi-client.ts';
import { EventOrder } from './event-order.ts';
import { KamailioEvent } from './kamailio-events.ts';
import { LeaderLease } from './leader.ts';
import { PhoneContacts } from './phone-contacts.ts';
import { Serial } from './serial.ts';
import { TextRelay } from './text-relay.ts';

/** How often time-driven ACD work runs (console presence, wrap-up ends). */
const UPKEEP_EVERY_MS = 500;

export interface CallControl {
  acd: Acd;
  stop(): Promise<void>;
}

export async function startCallControl(config: TelephonyConfig, log: Logger): Promise<CallControl> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const store = new AcdStore(redis, config.REDIS_PREFIX);
  const sink = new CallEventSink(
    redis,
    config.REDIS_PREFIX,
    config.INSTANCE_ID,
    log.child({ module: 'call-events' }),
  );
  const references = new ReferenceLocations(
    new HeldClient({
      servers: config.HELD_SERVERS,
      ca: config.HELD_CA_FILE ? readFileSync(config.HELD_CA_FILE, 'utf8') : undefined,
      timeoutMs: config.HELD_TIMEOUT_MS,
      retries: config.HELD_RETRIES,
    }),
    sink,
    log.child({ module: 'held' }),
  );
  const texts = new TextRelay(redis, config.REDIS_PREFIX);
  const serial = new Serial(log);
  const order = new EventOrder();
  let lease: LeaderLease | undefined;
  let inSync = false;

  const started = new Date().toISOString();
  const controllerStatus: ControllerStatus = {
    instance: config.INSTANCE_ID,
    since: started,
    syncedAt: started,
  };
  const markController = async () => {
    if (inSync && lease?.holds())
      await redis.set(store.keys.controller, JSON.stringify(controllerStatus), 'PX', config.LEADER_TTL_MS);
  };
  const unmarkController = async () => {
    inSync = false;
    const current = await redis.get(store.keys.controller);
    if (current && JSON.parse(current).instance === config.INSTANCE_ID)
      await redis.del(store.keys.controller);
  };

  const evapiLog = log.child({ module: 'evapi' });
  const evapi = new EvapiClient(config.EVAPI_HOST, config.EVAPI_PORT, config.EVAPI_SECRET, evapiLog, {
    connected() {
      order.beginSync();
      evapi.send({ cmd: 'sync' });
    },
    frame(frame) {
      const received = hopNow();
      const parsed = KamailioEvent.safeParse(safeJson(frame));
      if (!parsed.success) {
        evapiLog.error(
          { frame: frame.slice(0, 300), issues: parsed.error.issues },
          'event from Kamailio refused',
        );
        return;
      }
      for (const event of order.accept(parsed.data)) {
        serial.enqueue(event.event, () => {
          if (event.event === 'text') return texts.forward(event);
          announcements?.observe(event);
          return acd.handle(event, received);
        });
        if (event.event === 'sync-done')
          serial.enqueue('mark controller', async () => {
            inSync = true;
            // A new sync time tells the server to sync the text sessions with the ACD (sync-texts).
            controllerStatus.syncedAt = new Date().toISOString();
            await markController();
            log.info('call control in sync with Kamailio');
          });
      }
    },
    closed() {
      serial.enqueue('unmark controller', unmarkController);
    },
  });
  const clock = () => new Date();
  const hopTrace = new HopTrace(redis, config.REDIS_PREFIX, config.HOP_TRACE, (err) =>
    log.warn({ err }, 'hop trace not written'),
  );
  const callTakers = new CallTakers(store, sink, clock);
  const upkeep = new AgentUpkeep(
    store,
    callTakers,
    { defaultSeconds: config.WRAPUP_SECONDS, breakWaitSeconds: config.WRAPUP_BREAK_WAIT_SECONDS },
    log.child({ module: 'agent-upkeep' }),
    clock,
  );
  await store.publishWrapUpDefaults(config.WRAPUP_SECONDS, config.WRAPUP_BREAK_WAIT_SECONDS);
  const toKamailio: KamailioCommand = (command) => (lease?.holds() ?? false) && evapi.send(command);
  const announceWith = announcementSettings(config, log);
  const relay = new RtpengineNg(config.RTPENGINE_NG_HOST, config.RTPENGINE_NG_PORT);
  const announcements =
    announceWith &&
    new Announcements(
      announceWith,
      toKamailio,
      (callId, fromTag) => answerForAnnouncement(relay, callId, fromTag),
      log.child({ module: 'announcements' }),
    );
  const acd = new Acd(
    store,
    callTakers,
    sink,
    (command) => {
      const sent = toKamailio(command);
      // Offered to a call-taker: the messages stop (the caller hears ringback while the phone rings).
      if (sent && command.cmd === 'route') announcements?.offered(String(command.callId));
      return sent;
    },
    upkeep,
    new PhoneContacts(redis, store.keys, clock),
    trustedTrunks(config.TRUSTED_TRUNKS),
    references,
    log.child({ module: 'acd' }),
    { ringMs: config.RING_TIMEOUT_MS, queueMs: config.QUEUE_TIMEOUT_MS },
    hopTrace,
  );
  // Only the leader in sync with Kamailio, one pass at a time, in line with Kamailio's events.
  let upkeepQueued = false;
  const upkeepTimer = setInterval(() => {
    if (upkeepQueued || !inSync || !lease?.holds()) return;
    upkeepQueued = true;
    serial.enqueue('upkeep', () => acd.tick().finally(() => (upkeepQueued = false)));
  }, UPKEEP_EVERY_MS);

  const commandConnection = redis.duplicate({ maxRetriesPerRequest: null });
  const commands = new Worker(
    ACD_COMMANDS_QUEUE,
    (job: Job) => serial.run(() => runCommand(acd, config, job, (command) => evapi.send(command))),
    {
      connection: commandConnection,
      prefix: config.REDIS_PREFIX,
      autorun: false,
    },
  );
  let commandsRunning: Promise<void> | undefined;

  lease = new LeaderLease(redis, store.keys.leader, config.INSTANCE_ID, config.LEADER_TTL_MS, log, {
    async elected() {
      evapi.start();
      if (commandsRunning) commands.resume();
      else
        commandsRunning = commands
          .run()
          .catch((err: unknown) => log.error({ err }, 'command worker stopped'));
    },
    renewed: markController,
    async deposed() {
      evapi.stop();
      announcements?.stop();
      await commands.pause(true);
      await serial.run(unmarkController);
    },
  });
  lease.start();

  return {
    acd,
    async stop() {
      clearInterval(upkeepTimer);
      announcements?.stop();
      await lease?.stop();
      await commands.close();
      await commandsRunning;
      // BullMQ leaves a connection it was given open.
      commandConnection.disconnect();
      await serial.idle();
      await references.drain();
      await sink.close();
      await hopTrace.close();
      await texts.close();
      await redis.quit();
    },
  };
}

async function runCommand(
  acd: Acd,
  config: TelephonyConfig,
  job: Job,
  toKamailio: (command: Record<string, unknown>) => boolean,
): Promise<AcdCommandResult> {
  const parsed = AcdCommand.safeParse(job.data);
  if (!parsed.success) return { ok: false, reason: 'malformed command' };
  if (Date.now() - job.timestamp > config.COMMAND_MAX_AGE_MS) return { ok: false, reason: 'command expired' };
  const c = parsed.data;
  if (c.cmd === 'set-ready') return { ok: true, agent: await acd.setReady(c.extension, c.ready) };
  if (c.cmd === 'end-wrap-up') {
    const { agent, refused } = await acd.endWrapUp(c.extension);
    return refused ? { ok: false, reason: refused } : { ok: true, agent };
  }
  if (c.cmd === 'send-text') {
    const sent = toKamailio({ cmd: 'text', to: c.to, from: c.from, body: c.body });
    return sent ? { ok: true } : { ok: false, reason: 'Kamailio is not connected' };
  }
  if (c.cmd === 'queue-text') {
    await acd.queueText(c);
    return { ok: true };
  }
  if (c.cmd === 'sync-texts') {
    await acd.syncTexts(c);
    return { ok: true };
  }
  if (c.cmd === 'answer-text' || c.cmd === 'decline-text' || c.cmd === 'end-text') {
    const act = {
      'answer-text': 'answerText',
      'decline-text': 'declineText',
      'end-text': 'endText',
    } as const;
    const refused = await acd[act[c.cmd]](c.sipCallId, c.extension);
    return refused ? { ok: false, reason: refused } : { ok: true, agent: await acd.agent(c.extension) };
  }
  if (c.cmd === 'locate') {
    acd.locate(c.sipCallId, c.uri);
    return { ok: true };
  }
  const refused = await acd.hangup(c.sipCallId, c.extension);
  return refused ? { ok: false, reason: refused } : { ok: true };
}
