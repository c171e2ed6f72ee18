// The signed-in user changes their own password, from any console, in a dialog over the screen they are on (a
// call-taker's phone stays registered); the server ends their other sessions and keeps this one.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { changeOwnPassword } from './api.ts';
import { PasswordField } from './PasswordField.tsx';

const MIN_LENGTH = 10;

/** What is wrong with the form before it is sent, or null. */
function formProblem(current: string, next: string, repeat: string): MessageKey | null {
  if (next.length < MIN_LENGTH) return 'password.tooShort';
  if (next !== repeat) return 'password.mismatch';
  if (next === current) return 'password.same';
  return null;
}

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found = formProblem(current, next, repeat);
    setProblem(found);
    if (found) return;
    setBusy(true);
    try {
      await changeOwnPassword({ currentPassword: current, newPassword: next });
      setDone(true);
    } catch (err) {
      if (isApiError(err) && err.status === 403) setProblem('password.wrongCurrent');
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {/* The screen behind stays mounted but out of reach while the dialog is open. */}
      <div className="password-backdrop" aria-hidden="true" />
      <div className="password-dialog" role="dialog" aria-modal="true" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('password.heading')}</h2>
        {done ? (
          <>
            <p className="notice-box" role="status">
              {t('password.done')}
            </p>
            <button type="button" className="btn" onClick={onClose}>
              {t('password.close')}
            </button>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <PasswordField
              id="own-password-current"
              ref={first}
              label={t('password.current')}
              autoComplete="current-password"
              value={current}
              onChange={setCurrent}
            />
            <PasswordField
              id="own-password-new"
              label={t('password.new')}
              autoComplete="new-password"
              value={next}
              onChange={setNext}
            />
            <PasswordField
              id="own-password-repeat"
              label={t('password.repeat')}
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
            />
            {problem && (
              <p className="alert-box" role="alert">
                {t(problem)}
              </p>
            )}
            {error !== null && <ErrorNotice error={error} />}
            <div className="password-dialog-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !current}>
                {t('password.save')}
              </button>
              <button type="button" className="btn" onClick={onClose}>
                {t('password.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </>
  );
}
