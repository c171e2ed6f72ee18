// Open camera analytics alerts, each a card to judge (time, picture of the moment, live view) and then make an
// incident of (type and priority confirmed, nearby duplicates shown) or dismiss.
import type { CameraAlert, Incident } from '@hcm112/shared';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useNow } from '../components/useNow.ts';
import { AlertCard } from './AlertCard.tsx';
import { dismissAlert } from './api.ts';

export function CameraAlertsPanel({
  alerts,
  highlightedId,
  mayDispatch,
  onAlertChanged,
  onPromoted,
  onShowIncident,
}: {
  alerts: readonly CameraAlert[];
  highlightedId: string | null;
  mayDispatch: boolean;
  onAlertChanged: (alert: CameraAlert) => void;
  onPromoted: (incident: Incident) => void;
  onShowIncident: (incidentId: string) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const now = useNow(5000);

  const dismiss = async (alert: CameraAlert) => {
    setBusy(alert.id);
    setError(null);
    try {
      onAlertChanged(await dismissAlert(alert.id));
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
            <AlertCard
              key={a.id}
              alert={a}
              now={now}
              highlighted={a.id === highlightedId}
              mayDispatch={mayDispatch}
              busy={busy === a.id}
              onDismiss={() => void dismiss(a)}
              onPromoted={(alert, incident) => {
                onAlertChanged(alert);
                onPromoted(incident);
              }}
              onShowIncident={(c) => onShowIncident(c.incidentId)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
