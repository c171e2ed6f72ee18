// A screen's strings in both languages; the type makes a Vietnamese string missing for any English key an error.
export type Lang = 'vi' | 'en';

export const LANGS: readonly Lang[] = ['vi', 'en'];

export interface MessageSet<E extends Record<string, string>> {
  en: E;
  vi: Record<keyof E, string>;
}

export function defineMessages<const E extends Record<string, string>>(
  en: E,
  vi: Record<keyof E, string>,
): MessageSet<E> {
  return { en, vi };
}

/** Replaces `{name}` placeholders with the given values. */
export function format(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
