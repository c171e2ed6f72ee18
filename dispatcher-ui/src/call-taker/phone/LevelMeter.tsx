// The microphone's level as a bar that moves while the call-taker speaks: proof at a glance that the headset works.
// The bar is moved through its DOM node, so fifteen updates a second re-render nothing.
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { watchLevel } from './microphone.ts';

export function LevelMeter({ stream }: { stream: MediaStream | null }) {
  const t = useT();
  const meter = useRef<HTMLMeterElement>(null);
  useEffect(() => {
    const show = (level: number) => {
      if (meter.current) meter.current.value = Math.round(level * 100);
    };
    show(0);
    if (!stream || typeof AudioContext === 'undefined') return;
    return watchLevel(stream, show);
  }, [stream]);
  return (
    <meter
      ref={meter}
      className="level-meter"
      aria-label={t('phone.level')}
      min={0}
      max={100}
      low={3}
      high={90}
      optimum={40}
      defaultValue={0}
      data-testid="mic-level"
    />
  );
}
