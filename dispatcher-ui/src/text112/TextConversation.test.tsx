import type { TextMessage, TextSession } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { TextConversation } from './TextConversation.tsx';

const SESSION: TextSession = {
  id: '4b3c8f0e-1d2a-4c5b-8e9f-0a1b2c3d4e5f',
  channel: 'web',
  citizen: '0901112233',
  dialed: '112',
  state: 'active',
  language: 'vi',
  startedAt: '2026-12-07T01:00:00.000Z',
  takenAt: '2026-12-07T01:00:05.000Z',
  closedAt: null,
  callTakerId: '9b3c8f0e-1d2a-4c5b-8e9f-0a1b2c3d4e5f',
  callTakerName: 'Lan',
  incidentId: null,
  overflowTo: null,
  callId: null,
  lastMessageAt: '2026-12-07T01:00:05.000Z',
};

const message = (id: number, sender: TextMessage['sender'], text: string): TextMessage => ({
  id,
  sessionId: SESSION.id,
  sender,
  senderName: sender === 'call-taker' ? 'Lan' : null,
  text,
  at: '2026-12-07T01:00:06.000Z',
});

describe('text conversation', () => {
  it('shows the transcript and sends the reply typed', async () => {
    const onReply = vi.fn(async () => true);
    render(
      <I18nProvider lang="en">
        <TextConversation
          session={SESSION}
          messages={[message(1, 'citizen', 'I am hiding'), message(2, 'call-taker', 'Where are you?')]}
          busy={false}
          error={null}
          onReply={onReply}
          onEnd={() => {}}
        />
      </I18nProvider>,
    );
    expect(screen.getByText('I am hiding')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Reply'), 'Help is coming');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onReply).toHaveBeenCalledWith('Help is coming');
  });
});
