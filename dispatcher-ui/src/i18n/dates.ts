// Dates as people here write them: dd/mm/yyyy (and hh:mm), the same in both languages.
import type { Lang } from './define.ts';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** dd/mm/yyyy hh:mm. */
export function formatWhen(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(locale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
