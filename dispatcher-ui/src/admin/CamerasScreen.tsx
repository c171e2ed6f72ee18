// The administrator's camera registry: find a camera by code, name or ward, edit it, import a file of cameras; every
// change is audited by the server.
import type { Camera } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { CameraEditForm } from './CameraEditForm.tsx';
import { CameraImport } from './CameraImport.tsx';
import { fetchCameras } from './registry-api.ts';

/** Enough rows to find one by eye; the search narrows the rest. */
const SHOWN = 100;

export function CamerasScreen() {
  const t = useT();
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Camera | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    fetchCameras().then(setCameras, setError);
  }, []);
  useEffect(load, [load]);

  const q = query.trim().toLowerCase();
  const matching = (cameras ?? []).filter(
    (c) =>
      !q ||
      c.code.toLowerCase().includes(q) ||
      c.name.toLowerCase().includes(q) ||
      Boolean(c.ward?.toLowerCase().includes(q)),
  );

  return (
    <section className="screen screen-pad admin-screen" aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('registry.camera.heading')}</h1>
      {error !== null && <ErrorNotice error={error} onRetry={load} />}
      {done && (
        <p className="notice-box" role="status">
          {done}
        </p>
      )}
      <CameraImport onImported={load} />
      {editing && (
        <CameraEditForm
          camera={editing}
          onCancel={() => setEditing(null)}
          onSaved={(camera) => {
            setEditing(null);
            setDone(t('registry.camera.edit.done', { code: camera.code }));
            load();
          }}
        />
      )}
      <section aria-labelledby="camera-list-heading">
        <h2 id="camera-list-heading">{t('registry.camera.list.heading')}</h2>
        <div className="admin-form-row">
          <div className="field">
            <label htmlFor="camera-search">{t('registry.camera.search')}</label>
            <input
              id="camera-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <p className="muted" role="status">
            {t('registry.camera.count', { shown: Math.min(SHOWN, matching.length), total: matching.length })}
          </p>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>{t('registry.camera.code')}</th>
              <th>{t('registry.camera.name')}</th>
              <th>{t('registry.camera.ward')}</th>
              <th>{t('registry.camera.layer')}</th>
              <th>{t('registry.camera.view')}</th>
              <th>{t('registry.camera.streamKind')}</th>
              <th>{t('registry.camera.state')}</th>
              <th>{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {matching.slice(0, SHOWN).map((c) => (
              <tr key={c.id} data-code={c.code}>
                <td className="mono">{c.code}</td>
                <td>{c.name}</td>
                <td>{c.ward ?? '—'}</td>
                <td>{t(`registry.camera.layer.${c.layer}`)}</td>
                <td className="mono">
                  {c.bearingDeg}° / {c.fovDeg}° / {c.rangeM} m
                </td>
                <td>{c.streamKind ?? '—'}</td>
                <td>{c.online ? t('registry.camera.online') : t('registry.camera.offline')}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(c)}>
                    {t('registry.camera.edit')}
                    <span className="sr-only"> {c.code}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
