// The centre's wrap-up after each call on the wallboard: what is in force and who set it; a supervisor sets
// the seconds, 0 at once for a surge, or goes back to the default.
import { WrapUpSetting } from '@hcm112/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { get, put } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';

const WrapUpBody = z.object({ wrapUp: WrapUpSetting });

export interface WrapUpPanelProps {
  setting: WrapUpSetting | null;
  canSet: boolean;
  busy: boolean;
  error: unknown;
  onSet: (seconds: number | null) => void;
}

export function WrapUpPanel({ setting, canSet, busy, error, onSet }: WrapUpPanelProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const seconds = Number(draft);
    if (draft.trim() !== '' && Number.isInteger(seconds) && seconds >= 0) onSet(seconds);
  };
  return (
    <section aria-labelledby="wb-wrap-up" className="wb-wrap-up">
      <h2 id="wb-wrap-up">{t('wallboard.wrapUpSetting')}</h2>
      {setting ? (
        <p>
          <strong className="wb-wrap-up-now" data-seconds={setting.seconds}>
            {t('wallboard.wrapUpNow', { s: setting.seconds })}
          </strong>
          {setting.setBy ? (
            <span className="muted"> · {t('wallboard.wrapUpSetBy', { name: setting.setBy })}</span>
          ) : null}
          {setting.defaultSeconds !== null ? (
            <span className="muted"> · {t('wallboard.wrapUpDefault', { s: setting.defaultSeconds })}</span>
          ) : null}
          {setting.breakWaitSeconds !== null ? (
            <span className="muted"> · {t('wallboard.wrapUpBreak', { s: setting.breakWaitSeconds })}</span>
          ) : null}
        </p>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
      {canSet ? (
        <form className="wb-wrap-up-form" onSubmit={submit}>
          <label>
            {t('wallboard.wrapUpSeconds')}{' '}
            <input
              type="number"
              min={0}
              max={600}
              step={1}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            {t('wallboard.wrapUpApply')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => onSet(0)}>
            {t('wallboard.wrapUpSurge')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || !setting?.setBy}
            onClick={() => onSet(null)}
          >
            {t('wallboard.wrapUpReset')}
          </button>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

/** The setting fetched at start and every `refreshMs` (another supervisor may change it). */
export function WrapUpControl({ canSet, refreshMs = 10_000 }: { canSet: boolean; refreshMs?: number }) {
  const [setting, setSetting] = useState<WrapUpSetting | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get('/acd/wrap-up', WrapUpBody).then((b) => setSetting(b.wrapUp), setError);
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [load, refreshMs]);
  const onSet = (seconds: number | null) => {
    setBusy(true);
    put('/acd/wrap-up', { seconds }, WrapUpBody)
      .then((b) => {
        setSetting(b.wrapUp);
        setError(null);
      }, setError)
      .finally(() => setBusy(false));
  };
  return <WrapUpPanel setting={setting} canSet={canSet} busy={busy} error={error} onSet={onSet} />;
}
