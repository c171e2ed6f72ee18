// Call-takers as the ACD sees them: ready or not (their choice), registered or not (their phone), idle,
// ringing or on a call (the ACD's doing). Every change of the state a console shows is published.
import { type AcdAgentRecord, agentStateOf } from '@hcm112/shared';
import type { AcdStore } from './acd-store.ts';
import type { CallEventSink } from './call-events.ts';

export class CallTakers {
  constructor(
    private readonly store: AcdStore,
    private readonly sink: CallEventSink,
    private readonly clock: () => Date,
  ) {}

  record(extension: string): Promise<AcdAgentRecord> {
    return this.store.agent(extension);
  }

  /** Their choice. Becoming ready puts them at the end of the idle order. */
  setReady(extension: string, ready: boolean): Promise<AcdAgentRecord> {
    return this.change(extension, null, (r) => {
      const becomesReady = ready && r.ready !== '1';
      return { ready: ready ? '1' : '0', ...(becomesReady && { idleSince: this.nowMs() }) };
    });
  }

  /** What Kamailio says of their phone. */
  setRegistered(extension: string, registered: boolean): Promise<AcdAgentRecord> {
    return this.change(extension, registered ? 'registered' : 'unregistered', (r) => ({
      registered: registered ? '1' : '0',
      ...(registered && r.registered !== '1' && { idleSince: this.nowMs() }),
    }));
  }

  /**
   * Another device registered the extension and replaced their phone (a console reloaded, or opened
   * elsewhere): still registered, but the replaced device must learn it, so this is announced even though
   * the state a console shows does not change.
   */
  registeredElsewhere(extension: string): Promise<AcdAgentRecord> {
    return this.change(
      extension,
      'registered-elsewhere',
      (r) => ({ registered: '1', ...(r.registered !== '1' && { idleSince: this.nowMs() }) }),
      true,
    );
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

  /** Their call ended: free again, idle from now. */
  finished(extension: string): Promise<AcdAgentRecord> {
    return this.change(extension, null, () => ({ activity: 'idle', callId: '', idleSince: this.nowMs() }));
  }

  /**
   * Their phone did not take the offered call. Not answering or busy makes them not ready (so the call goes
   * to the next call-taker and the ACD never loops on one phone); an unregistered phone makes them offline.
   */
  refused(extension: string, sipReason: string): Promise<AcdAgentRecord> {
    const reason = refusalReason(sipReason);
    return this.change(extension, reason, () =>
      reason === 'unregistered'
        ? { activity: 'idle', callId: '', registered: '0' }
        : { activity: 'idle', callId: '', ready: '0' },
    );
  }

  private async change(
    extension: string,
    reason: string | null,
    patch: (r: AcdAgentRecord) => Partial<AcdAgentRecord>,
    announce = false,
  ): Promise<AcdAgentRecord> {
    const before = await this.store.agent(extension);
    const after: AcdAgentRecord = { ...before, ...patch(before), reason: reason ?? '' };
    const state = agentStateOf(after);
    const changed = state !== agentStateOf(before) || after.callId !== before.callId;
    if (changed || before.since === '0') after.since = this.nowMs();
    await this.store.saveAgent(extension, after);
    if (changed || announce)
      await this.sink.emit({
        type: 'calltaker',
        extension,
        state,
        at: new Date(Number(after.since)).toISOString(),
        sipCallId: after.callId || null,
        reason,
      });
    return after;
  }

  private nowMs(): string {
    return String(this.clock().getTime());
  }
}

function refusalReason(sipReason: string): string {
  if (sipReason === 'unregistered') return 'unregistered';
  if (sipReason === '408') return 'no-answer';
  if (sipReason === '486' || sipReason === '600') return 'busy';
  return `refused-${sipReason}`;
}
