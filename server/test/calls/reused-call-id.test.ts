// The SIP Call-ID comes from the caller's phone: one reused (a buggy or hostile phone, or a restart) used to be
// silently not recorded while its events rewrote the older call. Now it is a new call.
import type { Call } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { arrivalEvent, emitCallEvents } from '../support/call-events.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer();

describe('a reused SIP Call-ID', () => {
  it('makes a second call and leaves the first one as it ended', async () => {
    const sipCallId = `reused-${Date.now()}@phone`;
    const t = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, s)).toISOString();
    const arrival = (at: string, callerNumber: string) => arrivalEvent(sipCallId, callerNumber, { at });
    await emitCallEvents(stack.server, [
      arrival(t(0), '0901111111'),
      { type: 'abandoned', sipCallId, at: t(5), callerNumber: '0901111111', reason: 'caller' },
      arrival(t(30), '0902222222'),
      arrival(t(30), '0902222222'), // the same arrival retried: still one call
    ]);
    const supervisor = await stack.loginAs('supervisor');
    const calls = await waitFor(async () => {
      const rows = await stack.tdb.db
        .selectFrom('calls')
        .select(['id', 'state', 'caller_number'])
        .where('sip_call_id', '=', sipCallId)
        .orderBy('arrived_at')
        .execute();
      return rows.length === 2 ? rows : undefined;
    }, 'two calls of one Call-ID');
    expect(calls.map((c) => [c.caller_number, c.state])).toEqual([
      ['0901111111', 'abandoned'],
      ['0902222222', 'queued'],
    ]);
    const first = (await (await supervisor.fetch(`/api/calls/${calls[0]!.id}`)).json()) as { call: Call };
    expect(first.call.state).toBe('abandoned');
  });
});
