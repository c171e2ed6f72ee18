// The administrator's users: who may sign in, and the actions that lock someone out at once (deactivate, end
// sessions, reset a password); each is audited by the server.
import type { User } from '@hcm112/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useUser } from '../session/SessionProvider.tsx';
import { endSessions, fetchUsers, resetPassword, setUserActive } from './api.ts';
import { CreateUserForm } from './CreateUserForm.tsx';

export function UsersScreen() {
  const t = useT();
  const me = useUser();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const load = useCallback(() => {
    setError(null);
    fetchUsers().then(setUsers, setError);
  }, []);
  useEffect(load, [load]);

  const act = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
      load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="screen screen-pad users-screen" aria-labelledby="users-heading">
      <h1 id="users-heading">{t('users.heading')}</h1>
      {error !== null && <ErrorNotice error={error} onRetry={load} />}
      {done && (
        <p className="notice-box" role="status">
          {done}
        </p>
      )}
      {resetting && (
        <PasswordForm
          user={resetting}
          onCancel={() => setResetting(null)}
          onSubmit={(password) => {
            setResetting(null);
            void act(
              () => resetPassword(resetting.id, password),
              t('users.done.password', { user: resetting.username }),
            );
          }}
        />
      )}
      <CreateUserForm
        onCreated={(user) => {
          setDone(t('users.done.created', { user: user.username }));
          load();
        }}
      />
      <table className="table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.extension')}</th>
            <th>{t('users.state')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td>
                {u.username}
                {u.id === me.id && <span className="muted"> ({t('users.you')})</span>}
              </td>
              <td>{u.displayName}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{u.sipExtension ?? '—'}</td>
              <td>{u.active ? t('users.active') : t('users.inactive')}</td>
              <td className="users-actions">
                {u.id !== me.id &&
                  (u.active ? (
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() =>
                        void act(
                          () => setUserActive(u.id, false),
                          t('users.done.deactivated', { user: u.username }),
                        )
                      }
                    >
                      {t('users.deactivate')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() =>
                        void act(
                          () => setUserActive(u.id, true),
                          t('users.done.activated', { user: u.username }),
                        )
                      }
                    >
                      {t('users.activate')}
                    </button>
                  ))}
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    void act(() => endSessions(u.id), t('users.done.sessions', { user: u.username }))
                  }
                >
                  {t('users.endSessions')}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PasswordForm({
  user,
  onSubmit,
  onCancel,
}: {
  user: User;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length >= 10) onSubmit(password);
  };
  return (
    <form className="users-password" onSubmit={submit}>
      <label>
        {t('users.newPassword', { user: user.username })}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-primary btn-small">
        {t('users.save')}
      </button>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        {t('users.cancel')}
      </button>
    </form>
  );
}
