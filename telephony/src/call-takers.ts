// Call-takers as the ACD sees them: ready or not (their choice, or the system's with a reason), registered or
// not (their phone), idle, ringing, on a call or in wrap-up (the ACD's doing). Every change of the state a
// console shows is published.
import { type AcdAgentRecord, type AgentReason, agentStateOf } from '@hcm112/shared';
import type { AcdStore } from './acd-store.ts';
import type { CallEventSink } from './call-events.ts';

/** A call-taker taken out of ready (or wrap-up, which is part of being ready) is simply idle. */
const OUT_OF_WRAP_UP = { activity: 'idle', wrapUpUntil: '0' } as const;

export class CallTakers {
  constructor(
    private readonly store: AcdStore,
    private readonly sink: CallEventSink,
    private readonly clock: () => Date,
  ) {}

  record(extension: string): Promise<AcdAgentRecord> {
    return this.store.agent(extension);
  }

  /**
   * Their choice, which clears any reason the system had. Becoming ready puts them at the end of the idle
   * order; going not ready ends a wrap-up.
   */
  setReady(extension: string, ready: boolean): Promise<AcdAgentRecord> {
    return this.change(extension, null, (r) => {
      const becomesReady = ready && r.ready !== '1';
      return {
        ready: ready ? '1' : '0',
        reason: '',
        ...(becomesReady && { idleSince: this.nowMs() }),
        ...(!ready && r.activity === 'wrap-up' && OUT_OF_WRAP_UP),
      };
    });
  }

  /**
   * What Kamailio says of their phone. A phone that unregisters also clears `ready`, so one that comes back
   * leaves its call-taker not ready until they choose ready. A call in hand is left alone.
   */
  setRegistered(extension: string, registered: boolean): Promise<AcdAgentRecord> {
    if (registered)
      return this.change(extension, 'registered', (r) => ({
        registered: '1',
        ...(r.registered !== '1' && { idleSince: this.nowMs() }),
      }));
    return this.change(extension, 'unregistered', (r) => ({
      registered: '0',
      ...this.systemNotReady(r, 'unregistered'),
    }));
  }

  /**
   * Another device registered the extension and replaced their phone (a console reloaded, or opened
   * elsewhere): still registered and as ready as they chose, but the replaced device and the wallboard must
   * learn it, so this is announced (and kept as the standing reason) even though the state does not change.
   */
  registeredElsewhere(extension: string): Promise<AcdAgentRecord> {
    return this.change(
      extension,
      'registered-elsewhere',
      (r) => ({
        registered: '1',
        reason: 'registered-elsewhere',
        ...(r.registered !== '1' && { idleSince: this.nowMs() }),
      }),
      true,
    );
  }

  /** Their console's heartbeat lapsed: no new call is offered; one in hand goes on. */
  consoleLost(extension: string): Promise<AcdAgentRecord> {
    return this.change(extension, 'console-lost', (r) => this.systemNotReady(r, 'console-lost'));
  }

  ringing(extension: string, sipCallId: string): Promise<AcdAgentRecord> {
    return this.change(extension, null, () => ({ activity: 'ringing', callId: sipCallId }));
  }

  onCall(extension: string, sipCallId: string): Promise<AcdAgentRecord> {
    return this.change(extension, null, () => ({ activity: 'on-call', callId: sipCallId }));
  }

  /** The call ringing at them went away (caller hung up): free again, keeping their place in the idle order. */
  released(extension: string): Promise<AcdAgentRecord> {
    return this.change(extension, null, () => ({ activity: 'idle', callId: '' }));
  }

  /** Their call ended: wrap-up for `wrapUpMs` if they are still ready and there is one, else idle from now. */
  finished(extension: string, wrapUpMs: number): Promise<AcdAgentRecord> {
    return this.change(extension, null, (r) => {
      const now = this.clock().getTime();
      if (r.ready === '1' && r.registered === '1' && wrapUpMs > 0)
        return {
          activity: 'wrap-up',
          callId: '',
          wrapUpUntil: String(now + wrapUpMs),
          idleSince: String(now),
        };
      return { activity: 'idle', callId: '', wrapUpUntil: '0', idleSince: String(now) };
    });
  }

  /** Wrap-up over (its time, the call-taker, or a long-waiting call): idle from now, first in line again. */
  endWrapUp(extension: string): Promise<AcdAgentRecord> {
    return this.change(extension, null, (r) =>
      r.activity === 'wrap-up' ? { ...OUT_OF_WRAP_UP, idleSince: this.nowMs() } : {},
    );
  }

  /**
   * Their phone did not take the offered call. Not answering or busy makes them not ready (so the call goes
   * to the next call-taker and the ACD never loops on one phone); an unregistered phone makes them offline.
   */
  refused(extension: string, sipReason: string): Promise<AcdAgentRecord> {
    const reason = refusalReason(sipReason);
    return this.change(extension, reason, (r) => ({
      activity: 'idle',
      callId: '',
      ...(reason === 'unregistered' && { registered: '0' }),
      ...this.systemNotReady(r, reason),
    }));
  }

  private systemNotReady(r: AcdAgentRecord, reason: AgentReason): Partial<AcdAgentRecord> {
    if (r.ready !== '1') return {};
    return { ready: '0', reason, ...(r.activity === 'wrap-up' && OUT_OF_WRAP_UP) };
  }

  /** Applies a patch; publishes the change when what a console shows changed (`cause`: the system did it). */
  private async change(
    extension: string,
    cause: AgentReason | null,
    patch: (r: AcdAgentRecord) => Partial<AcdAgentRecord>,
    announce = false,
  ): Promise<AcdAgentRecord> {
    const before = await this.store.agent(extension);
    const after: AcdAgentRecord = { ...before, ...patch(before) };
    const state = agentStateOf(after);
    const stateChanged = state !== agentStateOf(before) || after.callId !== before.callId;
    const changed =
      stateChanged || after.reason !== before.reason || after.wrapUpUntil !== before.wrapUpUntil;
    if (stateChanged || before.since === '0') after.since = this.nowMs();
    await this.store.saveAgent(extension, after);
    if (changed || announce)
      this.sink.emit({
        type: 'calltaker',
        extension,
        state,
        at: new Date(Number(after.since)).toISOString(),
        sipCallId: after.callId || null,
        reason: cause,
        standingReason: after.reason || null,
        wrapUpUntil: after.activity === 'wrap-up' ? new Date(Number(after.wrapUpUntil)).toISOString() : null,
      });
    return after;
  }

  private nowMs(): string {
    return String(this.clock().getTime());
  }
}

function refusalReason(sipReason: string): AgentReason {
  if (sipReason === 'unregistered' || sipReason === 'no-media-relay') return sipReason;
  if (sipReason === '408') return 'no-answer';
  if (sipReason === '486' || sipReason === '600') return 'busy';
  return 'refused';
}
