// Ready / not ready for calls: the call-taker's state as the call distributor holds it, and the switch.
import type { CallTakerStatus } from '@hcm112/shared';
import type { ReactNode } from 'react';
import { AgentStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Kbd } from './Kbd.tsx';

export interface ReadyToggleProps {
  me: CallTakerStatus | undefined;
  busy: boolean;
  error: unknown;
  /** Why going ready is refused now (the softphone has no microphone or is not registered), in words. */
  blocker?: string | null;
  /** The phone's own state beside the call-taker's (the softphone's registration). */
  phoneState?: ReactNode;
  onToggle: () => void;
}

export function isReadyForCalls(me: CallTakerStatus | undefined): boolean {
  return me !== undefined && me.state !== 'offline' && me.state !== 'not-ready';
}

export function ReadyToggle({ me, busy, error, blocker, phoneState, onToggle }: ReadyToggleProps) {
  const t = useT();
  const ready = isReadyForCalls(me);
  const noPhone = me !== undefined && !me.sipExtension;
  const refused = !ready && !noPhone && blocker ? blocker : null;
  return (
    <div className="ready-box">
      <div className="ready-row">
        {me ? <AgentStateBadge state={me.state} /> : <span className="muted">{t('app.loading')}</span>}
        {me?.sipExtension ? (
          <span className="muted">{t('calltaker.extension', { ext: me.sipExtension })}</span>
        ) : null}
        {phoneState}
      </div>
      <button
        type="button"
        className={`btn btn-large ready-toggle ${ready ? 'is-ready' : 'is-not-ready'}`}
        aria-pressed={ready}
        disabled={busy || !me || noPhone || refused !== null}
        onClick={onToggle}
      >
        <span aria-hidden="true">{ready ? '⏸ ' : '● '}</span>
        {ready ? t('calltaker.goNotReady') : t('calltaker.goReady')} <Kbd keys="Alt+R" />
      </button>
      {noPhone ? <p className="notice-box">{t('calltaker.noPhone')}</p> : null}
      {me?.reason === 'registered-elsewhere' ? (
        <p className="notice-box">{t('calltaker.registeredElsewhere')}</p>
      ) : null}
      {refused ? (
        <p className="notice-box" role="status" data-testid="ready-refused">
          {t('phone.cannotReady', { reason: refused })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
