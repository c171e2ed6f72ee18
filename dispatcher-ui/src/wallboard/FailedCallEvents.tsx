// The call events parked after every retry failed: a call may be missing from the record until a supervisor
// enters it by hand and marks the event handled with a note (audited by the server).
import { FailedCallEvent } from '@hcm112/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { get, send } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatWhen } from '../i18n/dates.ts';
import { useLang, useT } from '../i18n/i18n.tsx';

const EventsBody = z.object({ events: z.array(FailedCallEvent) });

/** Shown while `count` (from the call figures) is above zero; refetched whenever it changes. */
export function FailedCallEvents({ count, onHandled }: { count: number; onHandled: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [events, setEvents] = useState<FailedCallEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get('/calls/failed-events', EventsBody).then((b) => setEvents(b.events), setError);
  }, []);
  useEffect(() => {
    if (count > 0) load();
  }, [count, load]);
  if (count === 0) return null;
  const handle = async (id: number, note: string) => {
    try {
      await send('POST', `/calls/failed-events/${id}/handled`, { note });
      load();
      onHandled();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="wb-failed" className="wb-failed">
      <h2 id="wb-failed">{t('wallboard.failedEvents')}</h2>
      {error !== null && <ErrorNotice error={error} onRetry={load} />}
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('wallboard.failed.at')}</th>
            <th>{t('wallboard.failed.call')}</th>
            <th>{t('wallboard.failed.event')}</th>
            <th>{t('wallboard.failed.error')}</th>
            <th>{t('wallboard.failed.handle')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatWhen(lang, e.failedAt)}</td>
              <td>{e.sipCallId}</td>
              <td>{e.eventType}</td>
              <td>{e.error}</td>
              <td>
                <HandleForm onSubmit={(note) => void handle(e.id, note)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function HandleForm({ onSubmit }: { onSubmit: (note: string) => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) onSubmit(note.trim());
  };
  return (
    <form className="wb-failed-form" onSubmit={submit}>
      <input
        aria-label={t('wallboard.failed.note')}
        placeholder={t('wallboard.failed.note')}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" className="btn btn-small">
        {t('wallboard.failed.done')}
      </button>
    </form>
  );
}
