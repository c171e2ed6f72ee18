// What the call-taker must know about their availability beyond ready / not ready: the wrap-up countdown with
// the button (and key) to end it early, and why the system set them not ready.
import type { CallTakerStatus } from '@hcm112/shared';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Kbd } from './Kbd.tsx';

/**
 * Whole seconds of wrap-up left, counted on the server's clock; null when not in wrap-up. Rounded down: the
 * screen's "now" ticks once a second, so rounding up would show one second more than the wrap-up has.
 */
export function wrapUpSecondsLeft(me: CallTakerStatus | undefined, serverNow: number): number | null {
  if (me?.state !== 'wrap-up' || !me.wrapUpUntil) return null;
  return Math.max(0, Math.floor((Date.parse(me.wrapUpUntil) - serverNow) / 1000));
}

export interface WrapUpCountdownProps {
  me: CallTakerStatus | undefined;
  /** The server's time now (the console's clock plus its offset). */
  serverNow: number;
  busy: boolean;
  error: unknown;
  onEnd: () => void;
}

export function WrapUpCountdown({ me, serverNow, busy, error, onEnd }: WrapUpCountdownProps) {
  const t = useT();
  const left = wrapUpSecondsLeft(me, serverNow);
  if (left === null) return null;
  return (
    <section className="wrap-up-box" aria-labelledby="wrap-up-heading" aria-live="polite">
      <h2 id="wrap-up-heading">
        <span aria-hidden="true">✎ </span>
        {t('availability.wrapUp')}
      </h2>
      <p className="wrap-up-left" data-seconds={left}>
        {t('availability.wrapUpLeft', { s: left })}
      </p>
      <button type="button" className="btn btn-large" disabled={busy} onClick={onEnd}>
        {t('availability.endWrapUp')} <Kbd keys="Alt+W" />
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

/** Why the system took them out of ready, until they choose again; nothing when it did not. */
export function ReasonNotice({ me }: { me: CallTakerStatus | undefined }) {
  const t = useT();
  if (!me?.reason) return null;
  const reason = t(`reason.${me.reason}`);
  if (me.state === 'not-ready' || me.state === 'offline')
    return (
      <p className="notice-box reason-notice" role="status" data-reason={me.reason}>
        {t('availability.setNotReady', { reason })}
      </p>
    );
  if (me.state === 'ringing' || me.state === 'on-call')
    return (
      <p className="notice-box reason-notice" role="status" data-reason={me.reason}>
        {t('availability.afterCall', { reason })}
      </p>
    );
  return null;
}
