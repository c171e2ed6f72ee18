// One camera alert as a dispatcher judges it: what was seen and when, the picture the server took at that
// moment, the live view one click away, and the deliberate actions (make an incident, dismiss).
import type { CameraAlert, DuplicateCandidate, Incident } from '@hcm112/shared';
import { useState } from 'react';
import { FeedPlayer } from '../cameras/FeedPlayer.tsx';
import { useT } from '../i18n/i18n.tsx';
import { agoText, clockTime } from './alert-time.ts';
import { PromoteAlert } from './PromoteAlert.tsx';

export function AlertCard({
  alert,
  now,
  highlighted,
  mayDispatch,
  busy,
  onDismiss,
  onPromoted,
  onShowIncident,
}: {
  alert: CameraAlert;
  now: number;
  highlighted: boolean;
  mayDispatch: boolean;
  busy: boolean;
  onDismiss: () => void;
  onPromoted: (alert: CameraAlert, incident: Incident) => void;
  onShowIncident: (candidate: DuplicateCandidate) => void;
}) {
  const t = useT();
  const [live, setLive] = useState(false);
  const [promoting, setPromoting] = useState(false);
  const what = t(`alert.kind.${alert.kind}`);
  return (
    <li className={`alert-row alert-card${highlighted ? ' highlighted' : ''}`} data-alert-id={alert.id}>
      <div className="alert-card-head">
        <span className="alert-what">
          <strong>{what}</strong> <span className="muted">{t('alerts.count', { n: alert.count })}</span>
          {alert.confidence !== null && (
            <span className="muted">
              {' '}
              · {t('alerts.confidence', { pct: Math.round(alert.confidence * 100) })}
            </span>
          )}
        </span>
        <time className="alert-time mono" dateTime={alert.firstAt}>
          {clockTime(alert.firstAt, now)}{' '}
          <span className="muted">({t('alertCard.ago', { age: agoText(t, alert.firstAt, now) })})</span>
        </time>
      </div>
      <span className="muted">
        {alert.cameraCode} · {alert.cameraName}
      </span>
      <div className="alert-picture">
        {live ? (
          <FeedPlayer cameraId={alert.cameraId} label={`${alert.cameraCode} ${alert.cameraName}`} />
        ) : alert.snapshotAt ? (
          <figure>
            <img
              src={`/api/alerts/${alert.id}/snapshot`}
              alt={t('alertCard.pictureAlt', { what, camera: alert.cameraCode })}
              className="alert-snapshot"
            />
            <figcaption className="muted">
              {t('alertCard.pictureAt', { time: clockTime(alert.snapshotAt, now) })}
            </figcaption>
          </figure>
        ) : (
          <p className="muted alert-no-picture">{t('alertCard.noPicture')}</p>
        )}
      </div>
      <span className="alert-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={live}
          onClick={() => setLive((v) => !v)}
        >
          {live ? t('alertCard.showPicture') : t('alertCard.live')}
        </button>
        {mayDispatch && !promoting && (
          <>
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={busy}
              onClick={() => setPromoting(true)}
            >
              {t('alerts.promote')}…
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={onDismiss}>
              {t('alerts.dismiss')}
            </button>
          </>
        )}
      </span>
      {promoting ? (
        <PromoteAlert
          alert={alert}
          onPromoted={onPromoted}
          onShowIncident={onShowIncident}
          onCancel={() => setPromoting(false)}
        />
      ) : null}
    </li>
  );
}
