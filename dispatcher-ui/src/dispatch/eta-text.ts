// An ETA as the dispatcher reads it: a route's time as is, a straight-line estimate marked "≈ … (estimated)".
import { formatDuration } from '../i18n/durations.ts';
import type { Translate } from '../i18n/i18n.tsx';

export function etaText(t: Translate, seconds: number, estimated: boolean): string {
  const eta = formatDuration(t, seconds);
  return estimated ? t('eta.estimated', { eta }) : eta;
}
