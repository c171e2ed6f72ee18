import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, uuid } from '../test/factories.ts';
import { RecordingPlayer } from './RecordingPlayer.tsx';
import { VideoRecordings } from './VideoRecordings.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ready = (callId: string) => ({
  id: uuid(),
  callId,
  kind: 'audio',
  linkId: null,
  legId: null,
  status: 'ready',
  reason: null,
  startedAt: at(0),
  durationMs: 61_000,
  sizeBytes: 180_000,
  sha256: 'a'.repeat(64),
  path: `/var/lib/e112/recordings/2026-12-06/${callId}.flac`,
  createdAt: at(70),
  deletedAt: null,
  held: false,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('recording player', () => {
  it('says an altered file was not played when the server refuses it', async () => {
    const callId = uuid();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/recording')
          ? json({ recording: ready(callId) })
          : json(
              { error: { code: 'conflict', message: 'altered', details: { recording: 'tampered' } } },
              409,
            ),
      ),
    );
    render(
      <I18nProvider>
        <RecordingPlayer callId={callId} />
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Nghe' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/bị thay đổi \(sai sha256\)/));
    expect(document.querySelector('audio')).toBeNull();
  });

  it('shows why a call was not recorded', async () => {
    const callId = uuid();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({
          recording: {
            ...ready(callId),
            status: 'not-recorded',
            reason: 'store-failed',
            sha256: null,
            path: null,
          },
        }),
      ),
    );
    render(
      <I18nProvider>
        <RecordingPlayer callId={callId} />
      </I18nProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Không ghi âm được: store-failed');
  });
});

describe("the caller's video recordings", () => {
  it('lists each with its player, and says an altered file was not played', async () => {
    const callId = uuid();
    const video = {
      ...ready(callId),
      kind: 'video',
      linkId: uuid(),
      path: `/var/lib/e112/recordings/2026-12-06/${callId}.webm`,
    };
    const unrecorded = { ...video, id: uuid(), linkId: uuid(), status: 'not-recorded', reason: 'no-video' };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/video-recordings')
          ? json({ recordings: [video, unrecorded] })
          : json(
              { error: { code: 'conflict', message: 'altered', details: { recording: 'tampered' } } },
              409,
            ),
      ),
    );
    render(
      <I18nProvider>
        <VideoRecordings callId={callId} />
      </I18nProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Không ghi được video của người gọi: no-video',
    );
    expect(screen.getByText(/Video của người gọi/).textContent).toContain('61 s');
    fireEvent.click(screen.getByRole('button', { name: 'Xem video' }));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
      'Tệp video đã bị thay đổi (sai sha256): không phát',
    );
    expect(document.querySelector('video')).toBeNull();
  });
});
