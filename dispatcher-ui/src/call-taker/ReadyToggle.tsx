// Ready / not ready for calls: the call-taker's state as the call distributor holds it, and the switch.
import type { CallTakerStatus } from '@hcm112/shared';
import { AgentStateBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Kbd } from './Kbd.tsx';

export interface ReadyToggleProps {
  me: CallTakerStatus | undefined;
  busy: boolean;
  error: unknown;
  onToggle: () => void;
}

export function isReadyForCalls(me: CallTakerStatus | undefined): boolean {
  return me !== undefined && me.state !== 'offline' && me.state !== 'not-ready';
}

export function ReadyToggle({ me, busy, error, onToggle }: ReadyToggleProps) {
  const t = useT();
  const ready = isReadyForCalls(me);
  const noPhone = me !== undefined && !me.sipExtension;
  return (
    <div className="ready-box">
      <div className="ready-row">
        {me ? <AgentStateBadge state={me.state} /> : <span className="muted">{t('app.loading')}</span>}
        {me?.sipExtension ? (
          <span className="muted">{t('calltaker.extension', { ext: me.sipExtension })}</span>
        ) : null}
      </div>
      <button
        type="button"
        className={`btn btn-large ready-toggle ${ready ? 'is-ready' : 'is-not-ready'}`}
        aria-pressed={ready}
        disabled={busy || !me || noPhone}
        onClick={onToggle}
      >
        <span aria-hidden="true">{ready ? '⏸ ' : '● '}</span>
        {ready ? t('calltaker.goNotReady') : t('calltaker.goReady')} <Kbd keys="Alt+R" />
      </button>
      {noPhone ? <p className="notice-box">{t('calltaker.noPhone')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
