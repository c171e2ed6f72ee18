// Recording where the call-taker says the caller is (typed or picked in the incident form, or the pin on the caller
// map) in the call's history, and saying back whether it is now the location in use or which one stays, and why.
import type { Call, GeoPoint } from '@hcm112/shared';
import { useCallback, useRef, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { addCallLocation } from './api.ts';

type Source = 'manual' | 'pin';

export type RecordState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'done'; source: Source; point: GeoPoint; call: Call }
  | { phase: 'failed'; error: unknown };

const IDLE: RecordState = { phase: 'idle' };

export function useRecordLocation(callId: string) {
  // Kept with its call's id: the next call in hand starts with nothing recorded.
  const [held, setHeld] = useState<{ callId: string; state: RecordState }>({ callId, state: IDLE });
  const asked = useRef(0);
  const record = useCallback(
    (source: Source, point: GeoPoint) => {
      const ask = ++asked.current;
      const set = (state: RecordState) => {
        if (ask === asked.current) setHeld({ callId, state });
      };
      set({ phase: 'saving' });
      addCallLocation(callId, { source, point, accuracyM: null }).then(
        (call) => set({ phase: 'done', source, point, call }),
        (error: unknown) => set({ phase: 'failed', error }),
      );
    },
    [callId],
  );
  return { state: held.callId === callId ? held.state : IDLE, record };
}

/** The outcome of the last recording: in use now, or which location stays in use and why. */
export function RecordedNotice({ state }: { state: RecordState }) {
  const t = useT();
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed') return <ErrorNotice error={state.error} />;
  if (state.phase === 'saving')
    return (
      <p className="muted location-recorded" role="status">
        {t('recorded.saving')}
      </p>
    );
  const used = state.call.location;
  const inUse =
    used?.source === state.source &&
    Math.abs(used.point.lat - state.point.lat) < 1e-7 &&
    Math.abs(used.point.lon - state.point.lon) < 1e-7;
  return (
    <p className="location-recorded" role="status" data-testid="location-recorded">
      <span aria-hidden="true">✓ </span>
      {t('recorded.done', { source: t(`calltaker.source.${state.source}`) })}{' '}
      {inUse || !used
        ? t('recorded.inUse')
        : t(state.call.locationChoice === 'more-precise' ? 'recorded.morePrecise' : 'recorded.newer', {
            source: t(`calltaker.source.${used.source}`),
            accuracy:
              used.accuracyM !== null
                ? t('calltaker.accuracy', { m: Math.round(used.accuracyM) })
                : t('calltaker.noAccuracy'),
          })}
    </p>
  );
}
