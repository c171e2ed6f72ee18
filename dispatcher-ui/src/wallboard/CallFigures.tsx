// The call figures of today: waiting, longest wait, answer-time shares against their targets, abandoned.
import type { CallStats } from '@hcm112/shared';
import { waitLevel } from '../call-taker/wait-level.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useT } from '../i18n/i18n.tsx';
import { Figure } from './Figure.tsx';
import { percent, type ShareVerdict, shareVerdict, TARGET_15S, TARGET_20S } from './figures.ts';

const VERDICT_LOOK: Readonly<Record<ShareVerdict, { tone: 'good' | 'bad' | 'plain'; icon: string }>> = {
  met: { tone: 'good', icon: '✓' },
  missed: { tone: 'bad', icon: '✗' },
  none: { tone: 'plain', icon: '–' },
};

function ShareFigure({
  id,
  label,
  share,
  target,
}: {
  id: string;
  label: string;
  share: number | null;
  target: number;
}) {
  const t = useT();
  const verdict = shareVerdict(share, target);
  const look = VERDICT_LOOK[verdict];
  return (
    <Figure
      id={id}
      label={label}
      tone={look.tone}
      icon={look.icon}
      value={share === null ? '—' : `${percent(share)} %`}
      note={t(`wallboard.share.${verdict}`, { target: Math.round(target * 100) })}
    />
  );
}

export function CallFigures({ stats, longestWait }: { stats: CallStats; longestWait: number }) {
  const t = useT();
  const level = stats.waiting > 0 ? waitLevel(longestWait) : 'normal';
  const waitTone = level === 'overdue' ? 'bad' : level === 'warning' ? 'warning' : 'plain';
  return (
    <div className="wb-row wb-calls">
      <Figure
        id="waiting"
        label={t('wallboard.waiting')}
        value={stats.waiting}
        tone={stats.waiting > 0 ? waitTone : 'good'}
        icon={stats.waiting > 0 ? '⏳' : '✓'}
      />
      <Figure
        id="longest-wait"
        label={t('wallboard.longestWait')}
        value={stats.waiting > 0 ? formatDuration(t, longestWait) : '—'}
        tone={waitTone}
        icon={level === 'overdue' ? '‼' : level === 'warning' ? '⚠' : undefined}
        note={level !== 'normal' ? t(`calltaker.wait.${level}`) : undefined}
      />
      <ShareFigure
        id="within-15s"
        label={t('wallboard.within15')}
        share={stats.answeredWithin15sShare}
        target={TARGET_15S}
      />
      <ShareFigure
        id="within-20s"
        label={t('wallboard.within20')}
        share={stats.answeredWithin20sShare}
        target={TARGET_20S}
      />
      <Figure id="answered" label={t('wallboard.answered')} value={stats.answeredToday} />
      <Figure
        id="abandoned"
        label={t('wallboard.abandoned')}
        value={stats.abandonedToday}
        tone={stats.abandonedToday > 0 ? 'warning' : 'plain'}
        icon={stats.abandonedToday > 0 ? '✕' : undefined}
      />
      <Figure
        id="overflowed"
        label={t('wallboard.overflowed')}
        value={stats.overflowedToday}
        tone={stats.overflowedToday > 0 ? 'warning' : 'plain'}
        icon={stats.overflowedToday > 0 ? '↪' : undefined}
      />
      <Figure
        id="refused"
        label={t('wallboard.refused')}
        value={stats.refusedToday}
        tone={stats.refusedToday > 0 ? 'bad' : 'plain'}
        icon={stats.refusedToday > 0 ? '⛔' : undefined}
        note={stats.refusedToday > 0 ? t('wallboard.refusedNote') : undefined}
      />
      <Figure
        id="not-recorded"
        label={t('wallboard.notRecorded')}
        value={stats.notRecordedToday}
        tone={stats.notRecordedToday > 0 ? 'bad' : 'plain'}
        icon={stats.notRecordedToday > 0 ? '⚠' : undefined}
      />
      <Figure
        id="failed-call-events"
        label={t('wallboard.failedEvents')}
        value={stats.failedCallEvents}
        tone={stats.failedCallEvents > 0 ? 'bad' : 'good'}
        icon={stats.failedCallEvents > 0 ? '‼' : '✓'}
        note={stats.failedCallEvents > 0 ? t('wallboard.failedEventsNote') : undefined}
      />
    </div>
  );
}
