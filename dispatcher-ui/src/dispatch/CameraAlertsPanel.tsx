// Open camera analytics alerts: each becomes an incident or is dismissed in one action.
import type { CameraAlert, Incident } from '@hcm112/shared';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { dismissAlert, promoteAlert } from './api.ts';

export function CameraAlertsPanel({
  alerts,
  highlightedId,
  mayDispatch,
  onAlertChanged,
  onPromoted,
}: {
  alerts: readonly CameraAlert[];
  highlightedId: string | null;
  mayDispatch: boolean;
  onAlertChanged: (alert: CameraAlert) => void;
  onPromoted: (incident: Incident) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (alert: CameraAlert, action: 'promote' | 'dismiss') => {
    setBusy(alert.id);
    setError(null);
    try {
      if (action === 'promote') {
        const { alert: a, incident } = await promoteAlert(alert.id);
        onAlertChanged(a);
        onPromoted(incident);
      } else {
        onAlertChanged(await dismissAlert(alert.id));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel alerts-panel" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading" className="panel-title">
        <span aria-hidden="true">⚠ </span>
        {t('alerts.heading')} <span className="count">{alerts.length}</span>
      </h2>
      {error ? <ErrorNotice error={error} /> : null}
      {alerts.length === 0 ? (
        <p className="empty">{t('alerts.none')}</p>
      ) : (
        <ul className="plain-list">
          {alerts.map((a) => (
            <li
              key={a.id}
              className={`alert-row${a.id === highlightedId ? ' highlighted' : ''}`}
              data-alert-id={a.id}
            >
              <span className="alert-what">
                <strong>{t(`alert.kind.${a.kind}`)}</strong>{' '}
                <span className="muted">{t('alerts.count', { n: a.count })}</span>
                {a.confidence !== null && (
                  <span className="muted">
                    {' '}
                    · {t('alerts.confidence', { pct: Math.round(a.confidence * 100) })}
                  </span>
                )}
              </span>
              <span className="muted">
                {a.cameraCode} · {a.cameraName}
              </span>
              {mayDispatch && (
                <span className="alert-actions">
                  <button
                    type="button"
                    className="btn btn-primary btn-small"
                    disabled={busy === a.id}
                    onClick={() => void act(a, 'promote')}
                  >
                    {t('alerts.promote')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy === a.id}
                    onClick={() => void act(a, 'dismiss')}
                  >
                    {t('alerts.dismiss')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
