import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeIncident } from '../test/factories.ts';
import { CloseIncident } from './CloseIncident.tsx';

function answer(status: number, body: unknown) {
  const fetch = vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderClose(incident = makeIncident()) {
  const onUpdated = vi.fn();
  render(
    <I18nProvider lang="en">
      <CloseIncident incident={incident} units={{}} onUpdated={onUpdated} />
    </I18nProvider>,
  );
  return onUpdated;
}

describe('closing an incident', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the chosen outcome and the note, and hands back the closed incident', async () => {
    const incident = makeIncident();
    const closed = { ...incident, status: 'closed', disposition: 'resolved', closedAt: incident.updatedAt };
    const fetch = answer(200, { incident: closed });
    const onUpdated = renderClose(incident);
    fireEvent.click(screen.getByRole('button', { name: 'Close incident…' }));
    const submit = screen.getByRole('button', { name: 'Close incident' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'resolved' } });
    fireEvent.change(screen.getByLabelText('Closing note (optional)'), { target: { value: 'fire out' } });
    fireEvent.click(submit);
    await waitFor(() => expect(onUpdated).toHaveBeenCalledWith(closed));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/incidents/${incident.id}/close`);
    expect(JSON.parse(String(init.body))).toEqual({
      disposition: 'resolved',
      note: 'fire out',
      releaseUnitIds: [],
    });
  });

  it('shows the refusal and keeps the form when the server says no', async () => {
    answer(403, { error: { code: 'forbidden', message: 'role' } });
    const onUpdated = renderClose();
    fireEvent.click(screen.getByRole('button', { name: 'Close incident…' }));
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'false-alarm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close incident' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(onUpdated).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Close incident' })).toBeTruthy();
  });

  it('says how a closed incident ended instead of offering to close it', () => {
    renderClose(makeIncident({ status: 'closed', disposition: 'false-alarm' }));
    expect(screen.getByTestId('incident-closed').textContent).toContain('False alarm');
    expect(screen.queryByRole('button', { name: 'Close incident…' })).toBeNull();
  });
});
