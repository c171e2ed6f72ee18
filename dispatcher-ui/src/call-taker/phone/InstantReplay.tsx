// The instant recall's button (Alt+P) among the call's actions, and its player under the call's head: played on
// the call-taker's chosen speaker, never into the call.
import { useCallback } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Kbd } from '../Kbd.tsx';
import type { InstantRecall } from './useInstantRecall.ts';

export function InstantReplayButton({ recall }: { recall: InstantRecall }) {
  const t = useT();
  if (!recall.available) return null;
  return (
    <button
      type="button"
      className="btn btn-large"
      disabled={recall.busy}
      onClick={() => void recall.start()}
    >
      <span aria-hidden="true">⟲ </span>
      {t('recall.replay')} <Kbd keys="Alt+P" />
    </button>
  );
}

export function InstantReplayPlayer({
  recall,
  speakerId,
}: {
  recall: InstantRecall;
  speakerId: string | null;
}) {
  const t = useT();
  const { replay } = recall;
  // The chosen speaker, as for the caller's voice (an unplugged one falls back to the default output).
  const toSpeaker = useCallback(
    (el: HTMLAudioElement | null) => {
      if (el && 'setSinkId' in el) void el.setSinkId(speakerId ?? '').catch(() => el.setSinkId(''));
    },
    [speakerId],
  );
  if (recall.error) return <ErrorNotice error={recall.error} />;
  if (!replay) return null;
  return (
    <div className="notice-box instant-replay" role="status" data-source={replay.source}>
      <span>
        <span aria-hidden="true">⟲ </span>
        {replay.source === 'live' ? t('recall.live', { s: replay.seconds }) : t('recall.lastCall')}
      </span>
      {/* biome-ignore lint/a11y/useMediaCaption: a call's audio has no captions to offer */}
      <audio ref={toSpeaker} controls autoPlay src={replay.url} data-testid="replay-audio" />
      <button type="button" className="btn" onClick={recall.close}>
        {t('recall.close')}
      </button>
    </div>
  );
}
