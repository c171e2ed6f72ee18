// Mute and hold for the call at the console softphone, with their keys, and a line saying so while either is on:
// a call-taker must never wonder whether the caller can hear them.
import { useT } from '../../i18n/i18n.tsx';
import { Kbd } from '../Kbd.tsx';
import type { SoftphoneCall } from './softphone.ts';

export interface CallPhoneButtonsProps {
  call: SoftphoneCall | undefined;
  onMute: () => void;
  onHold: () => void;
}

export function CallPhoneButtons({ call, onMute, onHold }: CallPhoneButtonsProps) {
  const t = useT();
  if (call?.state !== 'active') return null;
  return (
    <>
      <button type="button" className="btn btn-large btn-toggle" aria-pressed={call.muted} onClick={onMute}>
        <span aria-hidden="true">{call.muted ? '⊘ ' : '◉ '}</span>
        {t(call.muted ? 'phone.unmute' : 'phone.mute')} <Kbd keys="Alt+M" />
      </button>
      <button type="button" className="btn btn-large btn-toggle" aria-pressed={call.held} onClick={onHold}>
        <span aria-hidden="true">{call.held ? '▶ ' : '⏸ '}</span>
        {t(call.held ? 'phone.unhold' : 'phone.hold')} <Kbd keys="Alt+O" />
      </button>
    </>
  );
}

/** While muted or held, a line under the call's head says the caller cannot hear. */
export function CallPhoneNotice({ call }: { call: SoftphoneCall | undefined }) {
  const t = useT();
  if (call?.state !== 'active' || !(call.muted || call.held)) return null;
  return (
    <p className="notice-box call-state-note" role="status">
      <span aria-hidden="true">{call.held ? '⏸ ' : '⊘ '}</span>
      {call.held ? t('phone.held') : t('phone.muted')}
    </p>
  );
}
