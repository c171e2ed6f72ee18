// The administrator creates an account: username, the name colleagues see, role, first password, phone extension.
import { type CreateUserRequest, Role, type User } from '@hcm112/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { FieldInput, fieldError } from './FieldInput.tsx';
import { createUser } from './registry-api.ts';

const EMPTY = { username: '', displayName: '', role: 'call-taker' as Role, password: '', sipExtension: '' };

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const describedBy = (name: string) => (fieldError(error, name) ? `new-user-${name}-error` : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input: CreateUserRequest = { ...form, sipExtension: form.sipExtension.trim() || null };
    try {
      onCreated(await createUser(input));
      setForm(EMPTY);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" aria-labelledby="new-user-heading" onSubmit={submit}>
      <h2 id="new-user-heading">{t('users.create.heading')}</h2>
      <div className="admin-form-row">
        <FieldInput id="new-user-username" label={t('users.username')} error={fieldError(error, 'username')}>
          <input
            id="new-user-username"
            required
            autoComplete="off"
            value={form.username}
            onChange={set('username')}
            aria-describedby={describedBy('username')}
          />
        </FieldInput>
        <FieldInput
          id="new-user-displayName"
          label={t('users.name')}
          error={fieldError(error, 'displayName')}
        >
          <input
            id="new-user-displayName"
            required
            value={form.displayName}
            onChange={set('displayName')}
            aria-describedby={describedBy('displayName')}
          />
        </FieldInput>
        <FieldInput id="new-user-role" label={t('users.role')} error={fieldError(error, 'role')}>
          <select id="new-user-role" value={form.role} onChange={set('role')}>
            {Role.options.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </FieldInput>
        <FieldInput
          id="new-user-password"
          label={t('users.create.password')}
          error={fieldError(error, 'password')}
        >
          <input
            id="new-user-password"
            type="password"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            aria-describedby={describedBy('password')}
          />
        </FieldInput>
        <FieldInput
          id="new-user-sipExtension"
          label={t('users.create.extension')}
          error={fieldError(error, 'sipExtension')}
        >
          <input
            id="new-user-sipExtension"
            inputMode="numeric"
            value={form.sipExtension}
            onChange={set('sipExtension')}
            aria-describedby={describedBy('sipExtension')}
          />
        </FieldInput>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('users.create.submit')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
