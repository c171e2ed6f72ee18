// Type-ahead over the shared incident taxonomy: every type and subtype, matched in both languages without
// needing Vietnamese accents ("chay nha" finds "Cháy nhà"), best matches first.
import { INCIDENT_TYPES, type IncidentType } from '@hcm112/shared';
import type { Lang } from '../i18n/define.ts';

export interface TaxonomyEntry {
  type: IncidentType;
  subtype: string;
  label: string;
  priority: number;
  /** Folded words of both languages and the codes, for matching. */
  haystack: string;
}

/** Lower case, accents and đ removed, so a call-taker can type without an input method. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

export function taxonomyEntries(lang: Lang): TaxonomyEntry[] {
  return Object.entries(INCIDENT_TYPES).flatMap(([type, info]) =>
    Object.entries(info.subtypes).map(([subtype, sub]) => ({
      type: type as IncidentType,
      subtype,
      label: `${info.label[lang]} · ${sub[lang]}`,
      priority: sub.priority,
      haystack: fold(
        [info.label.en, info.label.vi, sub.en, sub.vi, type, subtype.replace(/-/g, ' ')].join(' | '),
      ),
    })),
  );
}

/** How well a subtype's name (in either language) answers the query: exact, then a prefix, then a mere match. */
function closeness(e: TaxonomyEntry, q: string): { rank: number; length: number } {
  const names = [
    INCIDENT_TYPES[e.type].subtypes[e.subtype]?.en,
    INCIDENT_TYPES[e.type].subtypes[e.subtype]?.vi,
  ]
    .filter((n): n is string => Boolean(n))
    .map(fold);
  if (names.some((n) => n === q)) return { rank: 0, length: q.length };
  const prefixed = names.filter((n) => n.startsWith(q));
  if (prefixed.length > 0) return { rank: 1, length: Math.min(...prefixed.map((n) => n.length)) };
  return { rank: 2, length: Math.min(...names.map((n) => n.length)) };
}

/**
 * Entries whose words all appear: an exact subtype name first ("chay nha" is "Cháy nhà", not "Cháy nhà cao
 * tầng"), then names that start with the query, shorter first, then the most urgent.
 */
export function searchTaxonomy(entries: readonly TaxonomyEntry[], query: string, limit = 8): TaxonomyEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const q = words.join(' ');
  return entries
    .filter((e) => words.every((w) => e.haystack.includes(w)))
    .map((e) => ({ e, ...closeness(e, q) }))
    .sort((a, b) => a.rank - b.rank || a.length - b.length || b.e.priority - a.e.priority)
    .slice(0, limit)
    .map((x) => x.e);
}

export function taxonomyLabel(lang: Lang, type: IncidentType, subtype: string): string {
  const info = INCIDENT_TYPES[type];
  return `${info.label[lang]} · ${info.subtypes[subtype]?.[lang] ?? subtype}`;
}
