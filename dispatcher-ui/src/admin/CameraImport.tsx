// Importing a camera list file (CSV or GeoJSON): the server validates each row and says which ones it refused.
import type { CameraImportResult } from '@hcm112/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { importCameras } from './registry-api.ts';

export function CameraImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CameraImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importCameras(file.name, await file.text()));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" aria-labelledby="camera-import-heading" onSubmit={submit}>
      <h2 id="camera-import-heading">{t('registry.camera.import.heading')}</h2>
      <p className="muted">{t('registry.camera.import.help')}</p>
      <div className="admin-form-row">
        <div className="field">
          <label htmlFor="camera-import-file">{t('registry.camera.import.file')}</label>
          <input
            id="camera-import-file"
            type="file"
            accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy || !file}>
          {t('registry.camera.import.submit')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {result && (
        <div className="notice-box" role="status">
          <p>
            {t('registry.camera.import.done', {
              imported: result.imported,
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              refused: result.errors.length,
            })}
          </p>
          {result.errors.length > 0 && (
            <ul className="plain-list import-errors">
              {result.errors.slice(0, 20).map((r) => (
                <li key={r.row}>
                  {t('registry.camera.import.row', { row: r.row, code: r.code ?? '—' })}{' '}
                  {Object.entries(r.fields)
                    .map(([field, why]) => `${field}: ${why}`)
                    .join('; ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
