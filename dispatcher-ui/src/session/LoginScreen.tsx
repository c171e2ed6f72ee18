// The login form: username and password, with the server's refusal (wrong password, too many attempts) shown.
import type { User } from '@hcm112/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/http.ts';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { logIn } from './api.ts';

export function LoginScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const usernameInput = useRef<HTMLInputElement>(null);
  // Keyboard-first: the cursor is in the username field when the screen opens.
  useEffect(() => usernameInput.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem(t('login.required'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await logIn({ username: username.trim(), password }));
    } catch (err) {
      setProblem(loginProblem(err, t));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-heading">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            112
          </span>
          <div>
            <h1 id="login-heading">{t('login.heading')}</h1>
            <p className="muted">{t('app.subtitle')}</p>
          </div>
        </div>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            ref={usernameInput}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p className="alert-box" role="alert">
            <span aria-hidden="true">⚠ </span>
            {problem}
          </p>
        )}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}

function loginProblem(err: unknown, t: ReturnType<typeof useT>): string {
  if (!isApiError(err)) return t('error.generic', { message: String(err) });
  if (err.status === 429) return t('login.throttled');
  if (err.status === 401 || err.status === 400) return t('login.failed');
  if (err.status === 0 || err.status >= 500) return t('error.unavailable');
  return t('error.generic', { message: err.message });
}
