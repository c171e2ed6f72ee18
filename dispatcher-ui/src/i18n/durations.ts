// Elapsed times as a call-taker reads them: "45 s", "3 min 05 s", "1 h 12 min".
import type { Translate } from './i18n.tsx';

export function formatDuration(t: Translate, totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 60) return t('time.seconds', { n: s });
  if (s < 3600) return t('time.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return t('time.hours', {
    h: Math.floor(s / 3600),
    m: String(Math.floor((s % 3600) / 60)).padStart(2, '0'),
  });
}
