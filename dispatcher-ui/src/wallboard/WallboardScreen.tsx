// Supervisor wallboard: calls waiting, the longest wait, and every call-taker's state, live.
import { CallTakerStatus, QueuedCall } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { AgentStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useNow } from '../components/useNow.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useT } from '../i18n/i18n.tsx';
import {
  applyCallEvent,
  emptyCalls,
  loadCalls,
  loadCallTakers,
  waitingCalls,
} from '../realtime/reducers/calls.ts';
import { useLiveState } from '../realtime/useLiveState.ts';

const QueueBody = z.object({ calls: z.array(QueuedCall) });
const CallTakersBody = z.object({ callTakers: z.array(CallTakerStatus) });

export function WallboardScreen() {
  const t = useT();
  const now = useNow();
  const live = useLiveState({
    streams: ['calls'],
    initial: emptyCalls,
    load: async () => {
      const [{ calls }, { callTakers }] = await Promise.all([
        get('/calls/queue', QueueBody),
        get('/calltakers', CallTakersBody),
      ]);
      return (s) => loadCallTakers(loadCalls(s, calls), callTakers);
    },
    apply: applyCallEvent,
  });
  const queue = waitingCalls(live.state);
  const oldest = queue[0];
  const takers = Object.values(live.state.callTakers).sort((a, b) => a.username.localeCompare(b.username));
  return (
    <section className="screen screen-pad" aria-labelledby="wb-heading">
      <h1 id="wb-heading">{t('wallboard.heading')}</h1>
      {live.error ? <ErrorNotice error={live.error} onRetry={live.reload} /> : null}
      <div className="tiles">
        <div className="tile">
          <span className="tile-label">{t('wallboard.waiting')}</span>
          <span className="tile-value">{queue.length}</span>
        </div>
        <div className="tile">
          <span className="tile-label">{t('wallboard.longestWait')}</span>
          <span className="tile-value">
            {oldest ? formatDuration(t, (now - Date.parse(oldest.arrivedAt)) / 1000) : '—'}
          </span>
        </div>
      </div>
      <h2>{t('wallboard.callTakers')}</h2>
      <ul className="plain-list">
        {takers.map((c) => (
          <li key={c.userId} className="row">
            <span>{c.username}</span>
            <AgentStateBadge state={c.state} />
          </li>
        ))}
      </ul>
    </section>
  );
}
