import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

function answer(status: number, body?: unknown) {
  const fetch = vi.fn(
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function fill(current: string, next: string, repeat = next) {
  render(
    <I18nProvider lang="en">
      <ChangePasswordDialog onClose={vi.fn()} />
    </I18nProvider>,
  );
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password (at least 10 characters)'), {
    target: { value: next },
  });
  fireEvent.change(screen.getByLabelText('New password again'), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('own password dialog', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says what is wrong before sending: too short, the two differ, unchanged', async () => {
    const fetch = answer(204);
    fill('old-password-1', 'short');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The new password needs at least 10 characters.',
    );
    fireEvent.change(screen.getByLabelText('New password (at least 10 characters)'), {
      target: { value: 'long-enough-1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two new passwords differ.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says the current password is wrong when the server refuses it (403)', async () => {
    answer(403, { error: { code: 'forbidden', message: 'the current password is wrong' } });
    fill('not-it-at-all', 'a-new-password-1');
    expect((await screen.findByRole('alert')).textContent).toBe('The current password is wrong.');
  });

  it('sends the current and new password and says the other sessions were signed out', async () => {
    const fetch = answer(204);
    fill('old-password-1', 'a-new-password-1');
    expect((await screen.findByRole('status')).textContent).toContain('Password changed.');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('/api/auth/password');
    expect(JSON.parse(String(init.body))).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'a-new-password-1',
    });
  });
});
