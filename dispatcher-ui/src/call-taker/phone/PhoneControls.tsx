// The call-taker's phone box: which phone takes the calls (this console or a desk phone), the softphone's
// registration as a word and a shape, the microphone and speaker with a level meter, and what is wrong and how to
// fix it when the microphone is missing or refused or the registration failed.
import type { PhoneMode } from '@hcm112/shared';
import './phone.css';
import { useId } from 'react';
import { type Translate, useT } from '../../i18n/i18n.tsx';
import { LevelMeter } from './LevelMeter.tsx';
import { type AudioDevice, type AudioDevices, canChooseSpeaker, type MicrophoneState } from './microphone.ts';
import type { ReadyBlocker } from './usePhone.ts';
import type { SoftphoneRegistration } from './useSoftphone.ts';

export interface PhoneControlsProps {
  mode: PhoneMode;
  /** A call is in hand: the phone may not be switched under it. */
  locked: boolean;
  registration: SoftphoneRegistration;
  cause: string | null;
  microphone: MicrophoneState;
  devices: AudioDevices;
  microphoneId: string | null;
  speakerId: string | null;
  onMode: (mode: PhoneMode) => void;
  onMicrophone: (deviceId: string | null) => void;
  onSpeaker: (deviceId: string | null) => void;
}

const REG_ICON: Readonly<Record<SoftphoneRegistration, string>> = {
  off: '–',
  connecting: '◌',
  registered: '●',
  unregistered: '○',
  failed: '✕',
  'no-credentials': '✕',
};

/** The sentence saying why the console may not go ready. */
export function readyBlockerText(t: Translate, blocker: ReadyBlocker): string {
  return t(`phone.${blocker}`);
}

/** The softphone's registration as a word, a shape and a colour, like the connection indicator. */
export function RegistrationBadge({ registration }: { registration: SoftphoneRegistration }) {
  const t = useT();
  return (
    <output className={`phone-reg phone-reg-${registration}`} data-state={registration}>
      <span aria-hidden="true">{REG_ICON[registration]} </span>
      {t(`phone.reg.${registration}`)}
    </output>
  );
}

export function PhoneControls(props: PhoneControlsProps) {
  const t = useT();
  const { mode, registration, microphone } = props;
  return (
    <section className="phone-box" aria-labelledby="phone-heading">
      <div className="phone-head">
        <h2 id="phone-heading">{t('phone.heading')}</h2>
      </div>
      <fieldset className="phone-mode" disabled={props.locked}>
        <legend>{t('phone.mode')}</legend>
        {(['softphone', 'desk'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="phone-mode" checked={mode === m} onChange={() => props.onMode(m)} />{' '}
            {t(`phone.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'desk' ? <p className="muted">{t('phone.deskHint')}</p> : <SoftphoneDevices {...props} />}
      {mode === 'softphone' && microphone.status === 'failed' ? (
        <p className="notice-box notice-alarm" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t(`phone.mic-${microphone.problem}`)}
        </p>
      ) : null}
      {mode === 'softphone' && (registration === 'failed' || registration === 'no-credentials') ? (
        <p className="notice-box notice-alarm" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t(`phone.reg.${registration}`)}. {t('phone.regFailedHint', { cause: props.cause ?? '?' })}
        </p>
      ) : null}
    </section>
  );
}

function SoftphoneDevices(props: PhoneControlsProps) {
  const t = useT();
  const stream = props.microphone.status === 'open' ? props.microphone.stream : null;
  return (
    <div className="phone-devices">
      <DeviceSelect
        label={t('phone.microphone')}
        devices={props.devices.microphones}
        value={props.microphoneId}
        onChange={props.onMicrophone}
      />
      <LevelMeter stream={stream} />
      {canChooseSpeaker() ? (
        <DeviceSelect
          label={t('phone.speaker')}
          devices={props.devices.speakers}
          value={props.speakerId}
          onChange={props.onSpeaker}
        />
      ) : (
        <p className="muted">{t('phone.speakerFixed')}</p>
      )}
    </div>
  );
}

interface DeviceSelectProps {
  label: string;
  devices: readonly AudioDevice[];
  value: string | null;
  onChange: (deviceId: string | null) => void;
}

function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="device-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('phone.defaultDevice')}</option>
        {devices
          .filter((d) => d.deviceId !== 'default')
          .map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
      </select>
    </div>
  );
}
