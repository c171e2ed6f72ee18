// The callers' call history beside an incident, for supervisors and dispatchers: each caller's other calls to
// the centre, newest first, each with its recording's player (audited when played), as in the timeline.
import { Call } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { CallStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatWhen } from '../i18n/dates.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { RecordingPlayer } from './RecordingPlayer.tsx';
import { VideoRecordings } from './VideoRecordings.tsx';

const CallsBody = z.object({ calls: z.array(Call) });

/** How many earlier calls of each caller are shown. */
const PER_CALLER = 5;

function useCallerHistory(callerNumbers: readonly string[], except: readonly string[]) {
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const numbers = callerNumbers.filter((n) => /^\+?[0-9]{2,20}$/.test(n)).join(',');
  const skip = except.join(',');
  useEffect(() => {
    let current = true;
    setCalls(null);
    const wanted = numbers ? numbers.split(',') : [];
    Promise.all(
      wanted.map((n) => get(`/calls/recent?caller=${encodeURIComponent(n)}&limit=10`, CallsBody)),
    ).then(
      (bodies) => {
        if (!current) return;
        const skipped = new Set(skip.split(','));
        setCalls(bodies.flatMap((b) => b.calls.filter((c) => !skipped.has(c.id)).slice(0, PER_CALLER)));
      },
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [numbers, skip]);
  return { calls, error };
}

export function CallerHistory({
  callerNumbers,
  callIds,
}: {
  callerNumbers: readonly string[];
  callIds: readonly string[];
}) {
  const t = useT();
  const { lang } = useLang();
  const { calls, error } = useCallerHistory(callerNumbers, callIds);
  if (error) return <ErrorNotice error={error} />;
  if (!calls || calls.length === 0) return null;
  return (
    <section aria-labelledby="caller-history-heading" className="caller-history">
      <h3 id="caller-history-heading">{t('recall.history')}</h3>
      <ul className="plain-list">
        {calls.map((c) => (
          <li key={c.id} data-call-id={c.id}>
            <span className="mono">{c.callerNumber}</span> ·{' '}
            <span className="mono">{formatWhen(lang, c.arrivedAt)}</span> <CallStateBadge state={c.state} />
            {c.answeredAt ? <RecordingPlayer callId={c.id} /> : null}
            {c.answeredAt ? <VideoRecordings callId={c.id} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
