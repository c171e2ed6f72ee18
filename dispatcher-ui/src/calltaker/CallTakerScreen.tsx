// Call-taker console: the live queue of calls waiting for a call-taker.
import { QueuedCall } from '@hcm112/shared';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { CallStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useNow } from '../components/useNow.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useT } from '../i18n/i18n.tsx';
import { applyCallEvent, emptyCalls, loadCalls, waitingCalls } from '../realtime/reducers/calls.ts';
import { useLiveState } from '../realtime/useLiveState.ts';

const QueueBody = z.object({ calls: z.array(QueuedCall) });

export function CallTakerScreen() {
  const t = useT();
  const now = useNow();
  const live = useLiveState({
    streams: ['calls'],
    initial: emptyCalls,
    load: async () => {
      const { calls } = await get('/calls/queue', QueueBody);
      return (s) => loadCalls(s, calls);
    },
    apply: applyCallEvent,
  });
  const queue = waitingCalls(live.state);
  return (
    <section className="screen screen-pad" aria-labelledby="ct-heading">
      <h1 id="ct-heading">{t('calltaker.heading')}</h1>
      {live.error ? <ErrorNotice error={live.error} onRetry={live.reload} /> : null}
      <h2>
        {t('calltaker.queue')} <span className="count">{queue.length}</span>
      </h2>
      {queue.length === 0 ? (
        <p className="empty">{t('calltaker.queueEmpty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('calltaker.caller')}</th>
              <th>{t('calltaker.service')}</th>
              <th>{t('calltaker.state')}</th>
              <th>{t('calltaker.wait')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((c) => (
              <tr key={c.id} data-call-id={c.id}>
                <td className="mono">{c.callerNumber || '—'}</td>
                <td>{c.service}</td>
                <td>
                  <CallStateBadge state={c.state} />
                </td>
                <td className="mono">{formatDuration(t, (now - Date.parse(c.arrivedAt)) / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
