// Every call-taker on the wallboard with their state and, when the system set them not ready, why: live from
// the `calls` stream's call-taker events over the list fetched at start.
import { type AgentState, CallTakerStatus, type RealtimeEvent } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { AgentStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { applyCallEvent, type CallsState, emptyCalls, loadCallTakers } from '../realtime/reducers/calls.ts';
import { useLiveState } from '../realtime/useLiveState.ts';

const CallTakersBody = z.object({ callTakers: z.array(CallTakerStatus) });

/** Who can take a call first, who is busy, then who is away. */
const ORDER: Readonly<Record<AgentState, number>> = {
  ready: 0,
  ringing: 1,
  'on-call': 2,
  'wrap-up': 3,
  'not-ready': 4,
  offline: 5,
};

export function sortedCallTakers(list: readonly CallTakerStatus[]): CallTakerStatus[] {
  return [...list].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.username.localeCompare(b.username));
}

/** Only call-taker changes matter here; calls are counted by the figures above. */
function applyCallTakerEvent(state: CallsState, event: RealtimeEvent): CallsState {
  return event.type === 'calltaker.updated' ? applyCallEvent(state, event) : state;
}

export function CallTakerTable({ callTakers }: { callTakers: readonly CallTakerStatus[] }) {
  const t = useT();
  if (callTakers.length === 0) return <p className="muted">{t('wallboard.noPeople')}</p>;
  return (
    <table className="wb-people">
      <thead>
        <tr>
          <th scope="col">{t('calltaker.heading')}</th>
          <th scope="col">{t('calltaker.state')}</th>
          <th scope="col">{t('wallboard.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {sortedCallTakers(callTakers).map((c) => (
          <tr key={c.userId} data-user={c.username}>
            <td>
              {c.username}
              {c.sipExtension ? <span className="muted"> · {c.sipExtension}</span> : null}
            </td>
            <td>
              <AgentStateBadge state={c.state} />
            </td>
            <td className="wb-reason" data-reason={c.reason ?? ''}>
              {c.reason ? t(`reason.${c.reason}`) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CallTakerBoard() {
  const t = useT();
  const live = useLiveState({
    streams: ['calls'],
    initial: emptyCalls,
    load: async () => {
      const { callTakers } = await get('/calltakers', CallTakersBody);
      return (s) => loadCallTakers(s, callTakers);
    },
    apply: applyCallTakerEvent,
  });
  return (
    <section aria-labelledby="wb-people">
      <h2 id="wb-people">{t('wallboard.people')}</h2>
      {live.error ? <ErrorNotice error={live.error} onRetry={live.reload} /> : null}
      <CallTakerTable callTakers={Object.values(live.state.callTakers)} />
    </section>
  );
}
