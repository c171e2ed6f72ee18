import { describe, expect, it } from 'vitest';
import { at, makeCall } from '../../test/factories.ts';
import { applyCallEvent, emptyCalls, loadCalls, waitingCalls } from './calls.ts';

describe('calls reducer', () => {
  it('adds a new call to the queue and lists waiting calls oldest first', () => {
    const late = makeCall({ arrivedAt: at(30) });
    const early = makeCall({ arrivedAt: at(5) });
    let s = applyCallEvent(emptyCalls, { type: 'call.updated', call: late });
    s = applyCallEvent(s, { type: 'call.updated', call: early });
    expect(waitingCalls(s).map((c) => c.id)).toEqual([early.id, late.id]);
  });

  it('drops an answered call from the queue', () => {
    const call = makeCall();
    let s = loadCalls(emptyCalls, [call]);
    s = applyCallEvent(s, { type: 'call.updated', call: { ...call, state: 'answered', answeredAt: at(9) } });
    expect(waitingCalls(s)).toEqual([]);
  });

  it('never brings an answered call back to queued when an older event arrives late', () => {
    const call = makeCall({ state: 'answered' });
    const s = loadCalls(emptyCalls, [call]);
    const after = applyCallEvent(s, { type: 'call.updated', call: { ...call, state: 'queued' } });
    expect(after).toBe(s);
  });

  it('puts a requeued call (ringing back to queued) back in the queue', () => {
    const call = makeCall({ state: 'ringing-agent' });
    const s = applyCallEvent(loadCalls(emptyCalls, [call]), {
      type: 'call.updated',
      call: { ...call, state: 'queued' },
    });
    expect(waitingCalls(s)[0]?.state).toBe('queued');
  });

  it('keeps the newest call-taker state', () => {
    const base = { userId: makeCall().id, username: 'ct1', sipExtension: '1001', callId: null, reason: null };
    let s = applyCallEvent(emptyCalls, {
      type: 'calltaker.updated',
      callTaker: { ...base, state: 'on-call', since: at(20) },
    });
    s = applyCallEvent(s, {
      type: 'calltaker.updated',
      callTaker: { ...base, state: 'ready', since: at(10) },
    });
    expect(s.callTakers[base.userId]?.state).toBe('on-call');
  });

  it('ignores events of other streams without changing identity', () => {
    const s = loadCalls(emptyCalls, [makeCall()]);
    expect(applyCallEvent(s, { type: 'camera.deleted', cameraId: makeCall().id })).toBe(s);
  });
});
