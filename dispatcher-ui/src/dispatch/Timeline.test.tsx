import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, makeIncident, uuid } from '../test/factories.ts';
import { Timeline } from './Timeline.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('incident timeline', () => {
  it('lists entries newest first and adds a note through the API', async () => {
    const incident = makeIncident({
      notes: [
        {
          id: uuid(),
          at: at(10),
          authorId: null,
          authorName: 'System',
          kind: 'status',
          text: 'created',
          code: null,
          params: {},
        },
        {
          id: uuid(),
          at: at(50),
          authorId: null,
          authorName: 'A',
          kind: 'dispatch',
          text: 'CH-1 dispatched',
          code: null,
          params: {},
        },
      ],
    });
    const updated = { ...incident, updatedAt: at(60) };
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ incident: updated }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const onUpdated = vi.fn();
    render(
      <I18nProvider lang="en">
        <Timeline incident={incident} mayWrite onUpdated={onUpdated} />
      </I18nProvider>,
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toContain('CH-1 dispatched');
    expect(items[1]).toContain('created');

    fireEvent.change(screen.getByPlaceholderText(/What happened/), {
      target: { value: 'Smoke seen from 3rd floor' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(onUpdated).toHaveBeenCalledWith(updated));
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/incidents/${incident.id}/notes`,
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ text: 'Smoke seen from 3rd floor' }),
      }),
    );
  });

  it('keeps the note and says why when the server refuses it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: 'invalid', message: 'text too long' } }), {
            status: 400,
          }),
      ),
    );
    render(
      <I18nProvider lang="en">
        <Timeline incident={makeIncident()} mayWrite onUpdated={vi.fn()} />
      </I18nProvider>,
    );
    const box = screen.getByPlaceholderText(/What happened/) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('text too long');
    expect(box.value).toBe('note');
  });

  it("renders the lines the server wrote from their codes in the reader's language", () => {
    const coded = (
      kind: 'dispatch' | 'status',
      code: 'units.dispatched' | 'unit.status',
      params: object,
    ) => ({
      id: uuid(),
      at: at(20),
      authorId: null,
      authorName: 'CC-05-01 (crew)',
      kind,
      text: 'English text for old readers',
      code,
      params: params as Record<string, string>,
    });
    const incident = makeIncident({
      notes: [
        coded('dispatch', 'units.dispatched', { callsigns: 'CC-05-01' }),
        coded('status', 'unit.status', { callsign: 'CC-05-01', from: 'en-route', to: 'on-scene' }),
      ],
    });
    render(
      <I18nProvider lang="vi">
        <Timeline incident={incident} mayWrite={false} onUpdated={vi.fn()} />
      </I18nProvider>,
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items.join('\n')).toContain('đã điều động CC-05-01');
    expect(items.join('\n')).toContain('CC-05-01: Đang đến → Tại hiện trường');
    expect(items.join('\n')).toContain('CC-05-01 (tổ xe)');
    expect(items.join('\n')).not.toContain('English text');
  });
});
