import type { AgentState, CallTakerStatus, PhoneMode } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { at, uuid } from '../../test/factories.ts';
import { ReadyToggle } from '../ReadyToggle.tsx';
import { CallPhoneButtons, CallPhoneNotice } from './CallPhoneButtons.tsx';
import { type MicrophoneState, microphoneProblemOf } from './microphone.ts';
import { PhoneControls, type PhoneControlsProps, RegistrationBadge } from './PhoneControls.tsx';

const DEVICES = {
  microphones: [
    { deviceId: 'headset', label: 'Jabra headset' },
    { deviceId: 'webcam', label: 'Webcam microphone' },
  ],
  speakers: [{ deviceId: 'headset-out', label: 'Jabra headset' }],
};

function renderControls(overrides: Partial<PhoneControlsProps> = {}, lang: 'en' | 'vi' = 'en') {
  const props: PhoneControlsProps = {
    mode: 'softphone',
    locked: false,
    registration: 'registered',
    cause: null,
    microphone: { status: 'opening' },
    devices: DEVICES,
    microphoneId: null,
    speakerId: null,
    onMode: vi.fn<(mode: PhoneMode) => void>(),
    onMicrophone: vi.fn<(id: string | null) => void>(),
    onSpeaker: vi.fn<(id: string | null) => void>(),
    ...overrides,
  };
  render(
    <I18nProvider lang={lang}>
      <PhoneControls {...props} />
    </I18nProvider>,
  );
  return props;
}

const makeCallTaker = ({ state }: { state: AgentState }): CallTakerStatus => ({
  userId: uuid(),
  username: 'ct1',
  sipExtension: '1001',
  state,
  since: at(0),
  callId: null,
  reason: null,
  wrapUpUntil: null,
});

const failed = (problem: 'missing' | 'refused'): MicrophoneState => ({ status: 'failed', problem });

describe('the phone box', () => {
  it('shows the registration as a word and a shape', () => {
    render(
      <I18nProvider lang="en">
        <RegistrationBadge registration="registered" />
      </I18nProvider>,
    );
    const reg = screen.getByText(/Softphone connected/).closest('output')!;
    expect(reg.textContent).toBe('● Softphone connected');
    expect(reg.getAttribute('data-state')).toBe('registered');
  });

  it('says the registration failed, with the cause for the supervisor', () => {
    renderControls({ registration: 'failed', cause: 'Unauthorized' });
    expect(screen.getByRole('alert').textContent).toMatch(
      /Registration failed.*keeps trying.*\(Unauthorized\)/,
    );
  });

  it('tells a refused and a missing microphone apart, in both languages', () => {
    renderControls({ microphone: failed('refused') });
    expect(screen.getByRole('alert').textContent).toMatch(/Microphone refused: allow this site/);
    renderControls({ microphone: failed('missing') }, 'vi');
    expect(screen.getByText(/Không tìm thấy micrô: cắm tai nghe/)).toBeTruthy();
  });

  it('lists the microphones and reports the one chosen', async () => {
    const props = renderControls();
    const select = screen.getByLabelText('Microphone');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'System default',
      'Jabra headset',
      'Webcam microphone',
    ]);
    await userEvent.selectOptions(select, 'Webcam microphone');
    expect(props.onMicrophone).toHaveBeenCalledWith('webcam');
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeTruthy();
  });

  it('switches to the desk phone, which has no devices to choose', async () => {
    const props = renderControls();
    await userEvent.click(screen.getByLabelText('Desk phone'));
    expect(props.onMode).toHaveBeenCalledWith('desk');
  });

  it('in desk mode says the form opens when the desk phone is picked up', () => {
    renderControls({ mode: 'desk' });
    expect(screen.getByText(/the incident form opens when you pick it up/)).toBeTruthy();
    expect(screen.queryByLabelText('Microphone')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps the phone while a call is in hand', () => {
    renderControls({ locked: true });
    expect(screen.getByLabelText('Desk phone').matches(':disabled')).toBe(true);
  });
});

describe('going ready with the softphone', () => {
  it('is refused with the reason on screen', () => {
    const onToggle = vi.fn();
    render(
      <I18nProvider lang="en">
        <ReadyToggle
          me={makeCallTaker({ state: 'not-ready' })}
          busy={false}
          error={null}
          blocker="No microphone found: plug in your headset, or choose another microphone."
          onToggle={onToggle}
        />
      </I18nProvider>,
    );
    expect((screen.getByRole('button', { name: /Go ready/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('ready-refused').textContent).toBe(
      'You cannot go ready: No microphone found: plug in your headset, or choose another microphone.',
    );
  });

  it('still lets a ready call-taker go not ready', () => {
    render(
      <I18nProvider lang="en">
        <ReadyToggle
          me={makeCallTaker({ state: 'ready' })}
          busy={false}
          error={null}
          blocker="The softphone is not registered with the phone system yet."
          onToggle={vi.fn()}
        />
      </I18nProvider>,
    );
    expect((screen.getByRole('button', { name: /Go not ready/ }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('ready-refused')).toBeNull();
  });
});

describe('mute and hold', () => {
  it('toggle, show their state and say the caller cannot hear', async () => {
    const onMute = vi.fn();
    const onHold = vi.fn();
    const call = { callId: 'c1', state: 'active' as const, muted: true, held: false };
    render(
      <I18nProvider lang="en">
        <CallPhoneButtons call={call} onMute={onMute} onHold={onHold} />
        <CallPhoneNotice call={call} />
      </I18nProvider>,
    );
    const unmute = screen.getByRole('button', { name: /Unmute/ });
    expect(unmute.getAttribute('aria-pressed')).toBe('true');
    expect(unmute.textContent).toContain('Alt+M');
    expect(screen.getByRole('status').textContent).toBe('⊘ Muted: the caller cannot hear you');
    await userEvent.click(unmute);
    await userEvent.click(screen.getByRole('button', { name: /Hold/ }));
    expect(onMute).toHaveBeenCalledOnce();
    expect(onHold).toHaveBeenCalledOnce();
  });

  it('are not offered before the call is connected', () => {
    render(
      <I18nProvider lang="en">
        <CallPhoneButtons
          call={{ callId: 'c1', state: 'ringing', muted: false, held: false }}
          onMute={vi.fn()}
          onHold={vi.fn()}
        />
      </I18nProvider>,
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('microphone problems', () => {
  it('are named from the browser error', () => {
    const named = (name: string) => microphoneProblemOf(new DOMException('x', name));
    expect(named('NotAllowedError')).toBe('refused');
    expect(named('NotFoundError')).toBe('missing');
    expect(named('NotReadableError')).toBe('busy');
    expect(microphoneProblemOf(new TypeError('no'))).toBe('unsupported');
  });
});
