// The administrator's analytics sources (the camera analytics that post alerts): create one, rotate its secret,
// switch it off. A secret is shown once, when it is made; the server audits each change.
import type { AlertSource, AlertSourceWithSecret } from '@hcm112/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { FieldInput, fieldError } from './FieldInput.tsx';
import { createSource, fetchSources, rotateSourceSecret, setSourceActive } from './registry-api.ts';

export function SourcesScreen() {
  const t = useT();
  const [sources, setSources] = useState<AlertSource[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<AlertSourceWithSecret | null>(null);

  const load = useCallback(() => {
    fetchSources().then(setSources, setError);
  }, []);
  useEffect(load, [load]);

  const act = async (action: () => Promise<AlertSourceWithSecret | unknown>) => {
    setError(null);
    setSecret(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'secret' in result)
        setSecret(result as AlertSourceWithSecret);
      load();
    } catch (err) {
      setError(err);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const created = await createSource(name.trim());
      setName('');
      return created;
    });
  };

  return (
    <section className="screen screen-pad admin-screen" aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('sources.heading')}</h1>
      <p className="muted">{t('sources.help')}</p>
      {secret && (
        <div className="notice-box" role="status" data-testid="source-secret">
          <p>{t('sources.secretOnce', { name: secret.source.name })}</p>
          <code className="secret">{secret.secret}</code>
        </div>
      )}
      <form className="admin-form" aria-labelledby="new-source-heading" onSubmit={submit}>
        <h2 id="new-source-heading">{t('sources.create.heading')}</h2>
        <div className="admin-form-row">
          <FieldInput id="new-source-name" label={t('sources.name')} error={fieldError(error, 'name')}>
            <input
              id="new-source-name"
              required
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-describedby={fieldError(error, 'name') ? 'new-source-name-error' : undefined}
            />
          </FieldInput>
          <button type="submit" className="btn btn-primary">
            {t('sources.create.submit')}
          </button>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} onRetry={load} />}
      <table className="table">
        <thead>
          <tr>
            <th>{t('sources.name')}</th>
            <th>{t('sources.created')}</th>
            <th>{t('users.state')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(sources ?? []).map((s) => (
            <tr key={s.id} data-source={s.name}>
              <td className="mono">{s.name}</td>
              <td>{new Date(s.createdAt).toLocaleDateString('en-GB')}</td>
              <td>{s.active ? t('users.active') : t('sources.off')}</td>
              <td className="users-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void act(() => rotateSourceSecret(s.id))}
                >
                  {t('sources.rotate')}
                </button>
                <button
                  type="button"
                  className={s.active ? 'btn btn-small btn-danger' : 'btn btn-small'}
                  onClick={() => void act(() => setSourceActive(s.id, !s.active))}
                >
                  {s.active ? t('sources.switchOff') : t('sources.switchOn')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
