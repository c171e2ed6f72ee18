// A call event that can never be recorded used to be retried without end and only logged: now it is parked after
// a bounded number of tries, counted on the wallboard, listed for supervisors, and kept until one handles it.
import type { CallStats, FailedCallEvent } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/repository.ts';
import { emitCallEvents } from '../support/call-events.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer();

describe('a call event that keeps failing', () => {
  it('is parked, shown to supervisors until handled, and the handling is audited', async () => {
    const [supervisor, callTaker] = await stack.loginEach('supervisor', 'call-taker');
    const sipCallId = `never-arrived-${Date.now()}@phone`;
    // An answer for a call that was never recorded can never apply.
    await emitCallEvents(
      stack.server,
      [{ type: 'answered', sipCallId, at: new Date().toISOString(), extension: '1001' }],
      2,
    );
    const stats = await waitFor(async () => {
      const s = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
      return s.failedCallEvents > 0 ? s : undefined;
    }, 'the failed event on the wallboard');
    expect(stats.failedCallEvents).toBe(1);
    expect((await callTaker.fetch('/api/calls/failed-events')).status).toBe(403);
    const { events } = (await (await supervisor.fetch('/api/calls/failed-events')).json()) as {
      events: FailedCallEvent[];
    };
    expect(events.map((e) => [e.sipCallId, e.eventType, e.attempts])).toEqual([[sipCallId, 'answered', 2]]);

    const path = `/api/calls/failed-events/${events[0]!.id}/handled`;
    expect((await supervisor.fetch(path, { method: 'POST', json: {} })).status).toBe(400);
    const handled = await supervisor.fetch(path, { method: 'POST', json: { note: 'entered by hand' } });
    expect(handled.status).toBe(204);
    expect((await supervisor.fetch(path, { method: 'POST', json: { note: 'again' } })).status).toBe(409);
    const after = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    expect(after.failedCallEvents).toBe(0);
    const audit = await listAudit(stack.tdb.db, {
      targetType: 'failed-call-event',
      targetId: String(events[0]!.id),
      limit: 5,
    });
    expect(audit.map((r) => [r.action, r.actorName])).toEqual([
      ['call.failed-event-handled', supervisor.user.username],
    ]);
  });
});
