// When a camera saw something, as a dispatcher reads it: the clock time (with the date when not today) and how long ago.
import { formatDuration } from '../i18n/durations.ts';
import type { Translate } from '../i18n/i18n.tsx';

const two = (n: number) => String(n).padStart(2, '0');

/** `14:05:09`, or `14:05:09 06/12/2026` when not today (dd/mm/yyyy, as Vietnam writes dates). */
export function clockTime(iso: string, now: number): string {
  const at = new Date(iso);
  const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
  const today = new Date(now).toDateString() === at.toDateString();
  return today ? time : `${time} ${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()}`;
}

export function agoText(t: Translate, iso: string, now: number): string {
  return formatDuration(t, Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000)));
}
