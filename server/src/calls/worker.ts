// Background part: call and call-taker events from call control, read from one Redis stream per shard of calls
// (consumer group "recorders", so each event goes to one server) and applied one at a time in stream order, so a
// call's events apply in order and different calls in parallel. An event is deleted from its stream once applied.
//
// PostgreSQL away: the event waits in place (applyInOrder) and the shard with it. Any other failure (an event read
// before its call's arrival was recorded) moves the event to the BullMQ retry queue, retried with back-off off the
// stream so the shard's later events go on, and parked for a supervisor after its last attempt. Entries a server
// read and never applied (it died, or stopped in an outage) are claimed by a live server once idle CLAIM_IDLE_MS.
import { hostname } from 'node:os';
import {
  CALL_EVENT_GROUP,
  CALL_EVENT_RETRY_QUEUE,
  CALL_EVENT_SHARDS,
  CallControlEvent,
  callEventStream,
  hopNow,
  safeJson,
} from '@hcm112/shared';
import { HopTrace } from '@hcm112/shared/hop-trace';
import { type Job, Queue, Worker } from 'bullmq';
import { publishCallTakerEvent } from '../call-takers/service.ts';
import type { AppContext } from '../context.ts';
import type { Lifecycle } from '../server.ts';
import { logRedisOutages } from '../redis-health.ts';
import { recordCallEvent } from './recorder.ts';
import { MAX_CALL_EVENT_ATTEMPTS, parkFailedCallEvent } from './failed-events.ts';
import { applyInOrder } from './retry.ts';

/** Entries read per stream read: applied one by one, each deleted once applied. */
const READ_COUNT = 100;
/** How long a read waits for new entries before the reader looks round (claims, stopping). */
const BLOCK_MS = 1000;
/** An entry another server read and has not applied for this long is taken over (as BullMQ's stalled check did). */
export const CLAIM_IDLE_MS = 30_000;
const CLAIM_EVERY_MS = 10_000;
/** A reader that has held nothing for this long is forgotten by the group. */
const FORGET_IDLE_MS = 3_600_000;
/** The wait after Redis failed a read, before the next. */
const READ_RETRY_MS = 500;

/** A stream entry as Redis gives it; an entry deleted while held comes without fields. */
type StreamEntry = [id: string, fields: string[] | null];

export async function startCallEventWorker(ctx: AppContext): Promise<Lifecycle> {
  const log = ctx.log.child({ module: 'call-events' });
  const prefix = ctx.config.REDIS_PREFIX;
  const me = `${hostname()}:${process.pid}`;
  let stopping = false;
  const hopTrace = new HopTrace(ctx.redis, prefix, ctx.config.HOP_TRACE, (err) =>
    log.warn({ err }, 'hop trace not written'),
  );

  const applyEvent = (event: CallControlEvent, onRetry: (err: unknown, attempt: number) => void) =>
    applyInOrder(
      () =>
        event.type === 'calltaker'
          ? publishCallTakerEvent(ctx, event)
          : recordCallEvent(ctx, event, hopTrace),
      { stopping: () => stopping, onRetry },
    );

  /** The event's last attempt failed: kept for a supervisor instead of retried without end. */
  const park = async (event: CallControlEvent, err: unknown, attempts: number, where: object) => {
    await parkFailedCallEvent(ctx.recordingDb, event, err, attempts);
    log.error({ ...where, err, type: event.type }, 'call event parked after every retry failed');
  };

  const retryConnection = logRedisOutages(
    ctx.redis.duplicate({ maxRetriesPerRequest: null }),
    log,
    CALL_EVENT_RETRY_QUEUE,
  );
  const retryQueue = new Queue(CALL_EVENT_RETRY_QUEUE, { connection: ctx.redis, prefix });
  const retryWorker = new Worker(
    CALL_EVENT_RETRY_QUEUE,
    async (job: Job) => {
      const event = job.data as CallControlEvent;
      // The stream's attempt came first.
      const attempt = job.attemptsMade + 2;
      try {
        await applyEvent(event, (err, n) =>
          log.warn(
            { jobId: job.id, err: messageOf(err), attempt: n },
            'call event not recorded yet, retrying',
          ),
        );
      } catch (err) {
        if (stopping || job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw err;
        await park(event, err, attempt, { jobId: job.id });
      }
    },
    { connection: retryConnection, prefix, concurrency: 1 },
  );
  retryWorker.on('failed', (job, err) =>
    log.warn(
      { jobId: job?.id, err: err.message, attempts: job?.attemptsMade },
      'call event not recorded yet',
    ),
  );

  /**
   * One stream entry: applied, or moved to the retry queue, or parked, then deleted; false when it stays in the
   * stream (the server is stopping mid-outage, or Redis refused the move), to be applied again later.
   */
  const handle = async (shard: number, stream: string, [id, fields]: StreamEntry): Promise<boolean> => {
    const picked = hopNow();
    const json = fieldOf(fields, 'e');
    const parsed = json === undefined ? undefined : CallControlEvent.safeParse(safeJson(json));
    if (!parsed?.success) {
      log.error({ stream, id, issues: parsed?.error.issues }, 'malformed call event dropped');
      return true;
    }
    const event = parsed.data;
    const attempts = Math.max(
      1,
      Math.min(MAX_CALL_EVENT_ATTEMPTS, Number(fieldOf(fields, 'a')) || MAX_CALL_EVENT_ATTEMPTS),
    );
    if (event.type === 'arrived') hopTrace.note(event.sipCallId, { ...event.hops, picked });
    try {
      await applyEvent(event, (err, attempt) =>
        log.warn(
          { stream, id, err: messageOf(err), attempt },
          'call event not recorded yet, retrying in order',
        ),
      );
      return true;
    } catch (err) {
      if (stopping) return false;
      if (attempts <= 1) {
        await park(event, err, 1, { stream, id });
        return true;
      }
      log.warn(
        { stream, id, err: messageOf(err), type: event.type },
        'call event not recorded yet, retried later',
      );
      await retryQueue.add(event.type, event, {
        // One job per entry, however often the entry is handled (BullMQ ids may not contain ':').
        jobId: `${shard}-${id}`,
        attempts: attempts - 1,
        delay: 200,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: 1000,
        removeOnFail: false,
      });
      return true;
    }
  };

  const readers = Array.from({ length: CALL_EVENT_SHARDS }, (_, shard) => {
    const connection = logRedisOutages(ctx.redis.duplicate(), log, `call-events-${shard}`);
    const stream = callEventStream(prefix, shard);
    let reading = false;
    let claimAt = 0;
    /** Whether this reader made or found its stream's group (a Redis that lost its data lost it: made again). */
    let grouped = false;
    /** Whether this reader holds entries it read and has not applied (read them again from its own list). */
    let holding = true;

    const applyAll = async (entries: StreamEntry[]): Promise<void> => {
      for (const entry of entries) {
        if (!(await handle(shard, stream, entry))) {
          holding = true;
          return;
        }
        // Not awaited: the next read on this connection comes after it, in order.
        // Deleted, then acknowledged: a server that dies between the two leaves an id its group drops when claimed.
        const notAcked = (err: unknown) =>
          log.warn({ stream, id: entry[0], err: messageOf(err) }, 'applied call event not acknowledged');
        connection.xdel(stream, entry[0]).catch(notAcked);
        connection.xack(stream, CALL_EVENT_GROUP, entry[0]).catch(notAcked);
        if (stopping) return;
      }
    };

    const takeOver = async (): Promise<void> => {
      claimAt = Date.now() + CLAIM_EVERY_MS;
      const [, claimed] = (await connection.xautoclaim(
        stream,
        CALL_EVENT_GROUP,
        me,
        CLAIM_IDLE_MS,
        '0-0',
        'COUNT',
        READ_COUNT,
      )) as [string, StreamEntry[]];
      if (claimed.length > 0) {
        log.warn({ stream, entries: claimed.length }, 'took over call events another reader left unapplied');
        await applyAll(claimed);
      }
      const consumers = (await connection.xinfo('CONSUMERS', stream, CALL_EVENT_GROUP)) as unknown[][];
      for (const c of consumers) {
        const info = Object.fromEntries(chunk(c)) as { name?: string; pending?: number; idle?: number };
        if (info.name && info.name !== me && info.pending === 0 && (info.idle ?? 0) > FORGET_IDLE_MS) {
          await connection.xgroup('DELCONSUMER', stream, CALL_EVENT_GROUP, info.name);
        }
      }
    };

    const loop = async (): Promise<void> => {
      while (!stopping) {
        try {
          if (!grouped) {
            // From the stream's start: events call control appended before any server read them are applied.
            await connection
              .xgroup('CREATE', stream, CALL_EVENT_GROUP, '0', 'MKSTREAM')
              .catch((err: unknown) => {
                if (!/BUSYGROUP/.test(messageOf(err))) throw err;
              });
            grouped = true;
          }
          if (Date.now() >= claimAt) await takeOver();
          if (stopping) break;
          reading = !holding;
          // Own entries not yet applied first, without waiting; then new ones, waiting at most BLOCK_MS.
          const from = holding ? ['STREAMS', stream, '0'] : ['BLOCK', BLOCK_MS, 'STREAMS', stream, '>'];
          const res = (await connection.call(
            'XREADGROUP',
            'GROUP',
            CALL_EVENT_GROUP,
            me,
            'COUNT',
            READ_COUNT,
            ...from,
          )) as [string, StreamEntry[]][] | null;
          reading = false;
          const entries = res?.[0]?.[1] ?? [];
          if (holding && entries.length === 0) holding = false;
          await applyAll(entries);
        } catch (err) {
          reading = false;
          if (stopping) break;
          if (/NOGROUP/.test(messageOf(err))) grouped = false;
          log.warn({ stream, err: messageOf(err) }, 'call events not read, reading again');
          holding = true;
          await new Promise((r) => setTimeout(r, READ_RETRY_MS));
        }
      }
    };
    const done = loop();
    return {
      async stop() {
        // A blocked read holds nothing unapplied (every ack was sent before it): cut it short.
        if (reading) connection.disconnect();
        await done;
        await connection.quit().catch(() => connection.disconnect());
      },
    };
  });

  return {
    name: 'call event readers',
    async stop() {
      stopping = true;
      await Promise.all(readers.map((r) => r.stop()));
      await retryWorker.close();
      await retryQueue.close();
      // BullMQ leaves a connection it was given open.
      retryConnection.disconnect();
      await hopTrace.close();
    },
  };
}

function fieldOf(fields: string[] | null, name: string): string | undefined {
  if (!fields) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function chunk(flat: unknown[]): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([String(flat[i]), flat[i + 1]]);
  return pairs;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
