// Handing the caller on: call 113, 114, 115 or another configured number while the caller is held, talk to them
// first, join them with the caller, withdraw (muted, still listening) while they take the details, or drop them.
// What is happening is said in one line; a destination that did not answer says why, and the caller is back.
import type { DialDestination } from '@hcm112/shared';
import { useLang, useT } from '../../i18n/i18n.tsx';
import type { CallOut, CallOutFailure } from './useCallsOut.ts';

export interface HandOverPanelProps {
  destinations: readonly DialDestination[];
  out: CallOut | undefined;
  failure: CallOutFailure | null;
  onDial: (key: string) => void;
  onJoin: (out: CallOut) => void;
  onWithdraw: (withdrawn: boolean) => void;
  onDrop: (out: CallOut) => void;
}

function stage(out: CallOut): 'dialing' | 'talking' | 'conference' | 'withdrawn' {
  const p = out.phone;
  if (!p || p.state === 'dialing') return 'dialing';
  if (p.conference) return p.withdrawn ? 'withdrawn' : 'conference';
  return 'talking';
}

export function HandOverPanel(props: HandOverPanelProps) {
  const t = useT();
  const { lang } = useLang();
  const { out, failure } = props;
  if (props.destinations.length === 0) return null;
  const now = out ? stage(out) : null;
  const who = out?.leg.destinationLabel ?? '';
  const label = (d: DialDestination) => (lang === 'vi' ? d.label.vi : d.label.en);
  const shown = out ? props.destinations.find((d) => d.key === out.leg.destinationKey) : undefined;
  const name = shown ? label(shown) : who;
  return (
    <section className="handover" aria-labelledby="handover-heading" data-stage={now ?? 'idle'}>
      <h3 id="handover-heading">{t('handover.heading')}</h3>
      {now ? (
        <p className={`handover-state handover-${now}`} role="status">
          <span aria-hidden="true">{now === 'dialing' ? '◌ ' : now === 'withdrawn' ? '⊘ ' : '☎ '}</span>
          {t(`handover.${now}`, { name })}
        </p>
      ) : null}
      {failure?.kind === 'handover' && !out ? (
        <p className="notice-box notice-alarm" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('handover.failed', { name: failure.label, reason: failure.reason })}
        </p>
      ) : null}
      <div className="handover-actions">
        {out ? (
          <>
            {now === 'talking' ? (
              <button type="button" className="btn btn-primary btn-large" onClick={() => props.onJoin(out)}>
                <span aria-hidden="true">⇄ </span>
                {t('handover.join')}
              </button>
            ) : null}
            {now === 'conference' || now === 'withdrawn' ? (
              <button
                type="button"
                className="btn btn-large btn-toggle"
                aria-pressed={now === 'withdrawn'}
                onClick={() => props.onWithdraw(now === 'conference')}
              >
                <span aria-hidden="true">{now === 'withdrawn' ? '◉ ' : '⊘ '}</span>
                {t(now === 'withdrawn' ? 'handover.rejoin' : 'handover.withdraw')}
              </button>
            ) : null}
            <button type="button" className="btn btn-danger btn-large" onClick={() => props.onDrop(out)}>
              <span aria-hidden="true">✕ </span>
              {t(now === 'dialing' ? 'handover.cancel' : 'handover.drop', { name })}
            </button>
          </>
        ) : (
          props.destinations.map((d) => (
            <button
              key={d.key}
              type="button"
              className={`btn btn-large handover-dest handover-${d.kind}`}
              onClick={() => props.onDial(d.key)}
            >
              <span aria-hidden="true">☎ </span>
              {t('handover.call', { name: label(d) })}
            </button>
          ))
        )}
      </div>
    </section>
  );
}
