// Today's abandoned calls still owed a callback, oldest first: with the softphone and a carrier trunk configured,
// one click calls the caller back (recorded, linked to the abandoned call); otherwise one click records that the
// caller was called back from another phone.
import { type Call, nationalForm } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { fetchAbandoned, recordCallback } from './api.ts';
import { ServiceLabel } from './CallerDetails.tsx';
import type { CallsOut } from './phone/useCallsOut.ts';

function clock(lang: string, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** `changes` is any value that differs when the calls stream moved on: the list is fetched again then. */
export function AbandonedList({ changes, callsOut }: { changes: unknown; callsOut?: CallsOut }) {
  const t = useT();
  const { lang } = useLang();
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = useCallback(() => {
    fetchAbandoned().then(
      (found) => {
        setCalls(found);
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch whenever the calls stream changes
  useEffect(reload, [reload, changes]);

  const calling = callsOut?.callbackInProgress;

  const callBack = async (call: Call) => {
    if (callsOut) return callsOut.callBack(call.id);
    setPending(call.id);
    try {
      await recordCallback(call.id);
      setCalls((list) => list?.filter((c) => c.id !== call.id) ?? null);
      setDone(nationalForm(call.callerNumber));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="abandoned" aria-labelledby="abandoned-heading">
      <h2 id="abandoned-heading">
        {t('calltaker.abandoned')} <span className="count">{calls?.length ?? '…'}</span>
      </h2>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      <p className="sr-only" aria-live="polite">
        {done ? t('calltaker.callbackDone', { number: nationalForm(done) }) : ''}
      </p>
      {calling ? (
        <div className="callback-line" role="status">
          <span>
            <span aria-hidden="true">☎ </span>
            {t(calling.phone?.state === 'active' ? 'callback.active' : 'callback.dialing', {
              number: nationalForm(calling.leg.destinationLabel),
            })}
          </span>
          <button type="button" className="btn btn-danger btn-small" onClick={() => callsOut?.drop(calling)}>
            {t('callback.hangUp')}
          </button>
        </div>
      ) : null}
      {callsOut?.failure?.kind === 'callback' && !calling ? (
        <p className="notice-box notice-alarm" role="alert">
          {t('callback.failed', {
            number: nationalForm(callsOut.failure.label),
            reason: callsOut.failure.reason,
          })}
        </p>
      ) : null}
      {calls && calls.length === 0 ? <p className="empty">{t('calltaker.noAbandoned')}</p> : null}
      <ul className="plain-list">
        {calls?.map((c) => (
          <li key={c.id} className="row abandoned-row" data-call-id={c.id}>
            <span className="mono abandoned-number">
              {c.callerNumber ? nationalForm(c.callerNumber) : t('calltaker.withheld')}
            </span>
            <ServiceLabel service={c.service} />
            <span className="muted mono">{clock(lang, c.endedAt ?? c.arrivedAt)}</span>
            <button
              type="button"
              className="btn btn-small abandoned-callback"
              disabled={pending !== null || !c.callerNumber || calling !== undefined}
              onClick={() => void callBack(c)}
            >
              <span aria-hidden="true">☎ </span>
              {callsOut
                ? t('callback.call', { number: nationalForm(c.callerNumber) })
                : t('calltaker.recordCallback', { number: nationalForm(c.callerNumber) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
