import type { User } from '@hcm112/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { LoginScreen } from './LoginScreen.tsx';

const user: User = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'dispatcher1',
  displayName: 'Nguyễn Văn A',
  role: 'dispatcher',
  sipExtension: null,
  active: true,
};

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

function renderLogin(onSignedIn = vi.fn()) {
  render(
    <I18nProvider lang="en">
      <LoginScreen onSignedIn={onSignedIn} />
    </I18nProvider>,
  );
  return onSignedIn;
}

function fill(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login form', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs in and hands over the user the server returned', async () => {
    answer(200, { user, token: 'x' });
    const onSignedIn = renderLogin();
    fill('dispatcher1', 'secret-password');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
  });

  it('says the credentials are wrong on 401', async () => {
    answer(401, { error: { code: 'unauthenticated', message: 'bad credentials' } });
    renderLogin();
    fill('dispatcher1', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong username or password');
  });

  it('tells the user to wait after too many attempts (429)', async () => {
    answer(429, { error: { code: 'too-many-requests', message: 'slow down' } });
    renderLogin();
    fill('dispatcher1', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many failed attempts');
  });

  it('asks for both fields before calling the server', () => {
    answer(200, { user, token: 'x' });
    renderLogin();
    fill('', '');
    expect(screen.getByRole('alert').textContent).toContain('Enter your username and password');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('is in Vietnamese by default', () => {
    render(
      <I18nProvider lang="vi">
        <LoginScreen onSignedIn={vi.fn()} />
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeTruthy();
  });
});
