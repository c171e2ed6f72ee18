import type { TextMessage, TextSession } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { TextOffer } from './TextOffer.tsx';

const SESSION: TextSession = {
  id: '4b3c8f0e-1d2a-4c5b-8e9f-0a1b2c3d4e60',
  channel: 'sip',
  citizen: 'sip:0907000111@127.0.0.1',
  dialed: '112',
  state: 'queued',
  language: 'vi',
  startedAt: '2026-12-07T01:00:00.000Z',
  takenAt: null,
  closedAt: null,
  callTakerId: null,
  callTakerName: null,
  incidentId: null,
  overflowTo: null,
  callId: '5b3c8f0e-1d2a-4c5b-8e9f-0a1b2c3d4e60',
  lastMessageAt: '2026-12-07T01:00:00.000Z',
};

const message = (id: number, text: string): TextMessage => ({
  id,
  sessionId: SESSION.id,
  sender: 'citizen',
  senderName: null,
  text,
  at: '2026-12-07T01:00:00.000Z',
});

describe('TextOffer', () => {
  it('shows who texted and what, and accepts or declines', async () => {
    const onAccept = vi.fn();
    const onDecline = vi.fn();
    render(
      <I18nProvider lang="en">
        <TextOffer
          session={SESSION}
          messages={[message(1, 'Nhà tôi bị cháy')]}
          busy={false}
          onAccept={onAccept}
          onDecline={onDecline}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading', { name: /Incoming text to 112/ })).toBeTruthy();
    expect(screen.getByText('0907000111@127.0.0.1')).toBeTruthy();
    expect(screen.getByText('Nhà tôi bị cháy')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Accept text/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(onAccept).toHaveBeenCalledOnce();
    expect(onDecline).toHaveBeenCalledOnce();
  });
});
