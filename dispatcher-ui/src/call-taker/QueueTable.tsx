// The live queue: every call waiting or ringing, oldest first, with the caller's wait counting up and turning
// amber at 10 s and red at 15 s, told by an icon and a word as well as the colour.
import { type Call, nationalForm } from '@hcm112/shared';
import { CallStateBadge } from '../components/badges.tsx';
import { formatDuration } from '../i18n/durations.ts';
import { useT } from '../i18n/i18n.tsx';
import { ServiceLabel } from './CallerDetails.tsx';
import { type WaitLevel, waitedSeconds, waitLevel } from './wait-level.ts';

const WAIT_ICON: Readonly<Record<WaitLevel, string>> = { normal: '⏳', warning: '⚠', overdue: '‼' };

export function WaitTime({ seconds }: { seconds: number }) {
  const t = useT();
  const level = waitLevel(seconds);
  return (
    <span className={`wait wait-${level}`} data-level={level}>
      <span aria-hidden="true" className="wait-icon">
        {WAIT_ICON[level]}
      </span>
      <span className="mono">{formatDuration(t, seconds)}</span>
      {level !== 'normal' ? <span className="wait-word">{t(`calltaker.wait.${level}`)}</span> : null}
    </span>
  );
}

export interface QueueTableProps {
  calls: readonly Call[];
  now: number;
  clockOffsetMs: number;
  myUserId: string;
}

export function QueueTable({ calls, now, clockOffsetMs, myUserId }: QueueTableProps) {
  const t = useT();
  if (calls.length === 0) return <p className="empty queue-empty">{t('calltaker.queueEmpty')}</p>;
  return (
    <table className="table queue-table">
      <thead>
        <tr>
          <th scope="col">{t('calltaker.wait')}</th>
          <th scope="col">{t('calltaker.caller')}</th>
          <th scope="col">{t('calltaker.service')}</th>
          <th scope="col">{t('calltaker.state')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((c) => (
          <tr
            key={c.id}
            data-call-id={c.id}
            className={c.agentUserId === myUserId ? 'queue-mine' : undefined}
          >
            <td>
              <WaitTime seconds={waitedSeconds(c.arrivedAt, now, clockOffsetMs)} />
            </td>
            <td className="mono">
              {c.channel === 'text' ? (
                <span className="channel-text" title={t('text.channel')}>
                  <span aria-hidden="true">✉ </span>
                  <span className="channel-word">{t('text.channel')}</span>{' '}
                </span>
              ) : null}
              {c.callerNumber ? nationalForm(c.callerNumber) : t('calltaker.withheld')}
            </td>
            <td>
              <ServiceLabel service={c.service} compact />
            </td>
            <td>
              <CallStateBadge state={c.state} />
              {c.agentUserId === myUserId ? <strong> {t('calltaker.toYou')}</strong> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
