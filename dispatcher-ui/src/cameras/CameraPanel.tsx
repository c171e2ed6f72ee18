// The cameras that can see the selected incident, best first, playing live; pin keeps one on top, hide moves it
// out of the way (both recorded by the server for everyone on the incident).
import type { SurfacedCamera } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { fetchIncidentCameras, setIncidentCamera } from '../dispatch/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { FeedPlayer } from './FeedPlayer.tsx';

/** Feeds that start on their own; more would cost the dispatcher's machine and the restream slots. */
const AUTOPLAY = 4;

export function CameraPanel({
  incidentId,
  cameras,
  mayChange,
  onList,
}: {
  incidentId: string;
  cameras: readonly SurfacedCamera[] | null;
  mayChange: boolean;
  /** A fetched or changed list, to put into the live state. */
  onList: (cameras: SurfacedCamera[]) => void;
}) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [started, setStarted] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let current = true;
    setError(null);
    setStarted(new Set());
    fetchIncidentCameras(incidentId).then(
      (list) => current && onList(list),
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [incidentId, onList]);

  const change = async (c: SurfacedCamera, body: { pinned?: boolean; hidden?: boolean }) => {
    setError(null);
    try {
      onList(await setIncidentCamera(incidentId, c.cameraId, body));
    } catch (err) {
      setError(err);
    }
  };

  const shown = (cameras ?? []).filter((c) => !c.hidden);
  const hidden = (cameras ?? []).filter((c) => c.hidden);
  return (
    <section className="panel camera-panel" aria-labelledby="cameras-heading">
      <h2 id="cameras-heading" className="panel-title">
        <span aria-hidden="true">◉ </span>
        {t('cameras.heading')} <span className="count">{shown.length}</span>
      </h2>
      {error ? <ErrorNotice error={error} /> : null}
      {cameras === null ? (
        <p className="muted">{t('cameras.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('cameras.none')}</p>
      ) : (
        <ul className="plain-list camera-grid">
          {shown.map((c, index) => (
            <li
              key={c.cameraId}
              className={`camera-tile${c.pinned ? ' pinned' : ''}`}
              data-camera-id={c.cameraId}
            >
              <div className="camera-head">
                <strong className="mono">{c.code}</strong>
                {c.pinned && <span className="badge pin-badge">★ {t('cameras.pinned')}</span>}
                <span className="muted camera-name">{c.name}</span>
              </div>
              <div className="camera-meta muted">
                {t('cameras.distance', { m: Math.round(c.distanceM) })}
                {c.inCone && ` · ${t('cameras.inCone')}`}
                {c.ptz && ` · ${t('cameras.ptz')}`}
              </div>
              <CameraView
                camera={c}
                incidentId={incidentId}
                play={index < AUTOPLAY || started.has(c.cameraId)}
                onStart={() => setStarted((s) => new Set(s).add(c.cameraId))}
              />
              {mayChange && (
                <div className="camera-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void change(c, { pinned: !c.pinned })}
                  >
                    {c.pinned ? t('cameras.unpin') : t('cameras.pin')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void change(c, { hidden: true })}
                  >
                    {t('cameras.hide')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {hidden.length > 0 && (
        <details className="hidden-cameras">
          <summary>{t('cameras.hidden', { n: hidden.length })}</summary>
          <ul className="plain-list">
            {hidden.map((c) => (
              <li key={c.cameraId} className="row">
                <span className="mono">{c.code}</span>
                <span className="muted">{c.name}</span>
                {mayChange && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void change(c, { hidden: false })}
                  >
                    {t('cameras.unhide')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function CameraView({
  camera,
  incidentId,
  play,
  onStart,
}: {
  camera: SurfacedCamera;
  incidentId: string;
  play: boolean;
  onStart: () => void;
}) {
  const t = useT();
  if (!camera.online) return <div className="feed feed-problem">✕ {t('cameras.offline')}</div>;
  if (!camera.streamKind) return <div className="feed feed-problem">— {t('cameras.noStream')}</div>;
  if (!play) {
    return (
      <button type="button" className="feed feed-start" onClick={onStart}>
        ▶ {camera.name}
      </button>
    );
  }
  return (
    <FeedPlayer cameraId={camera.cameraId} incidentId={incidentId} label={`${camera.code} ${camera.name}`} />
  );
}
