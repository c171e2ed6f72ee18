// The language of the consoles (kept per browser) and the useT() hook that every visible string goes through.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, type Lang, LANGS } from './define.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

const STORAGE_KEY = 'e112.lang';
/** Where the choice was kept before the project used one name at run time; read once and moved. */
const EARLIER_STORAGE_KEY = 'hcm112.lang';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The language kept in this browser, moved from its earlier key so a returning user keeps their choice. */
function storedLang(): string | null {
  const storage = globalThis.localStorage;
  if (!storage) return null;
  const earlier = storage.getItem(EARLIER_STORAGE_KEY);
  if (earlier !== null) {
    if (storage.getItem(STORAGE_KEY) === null) storage.setItem(STORAGE_KEY, earlier);
    storage.removeItem(EARLIER_STORAGE_KEY);
  }
  return storage.getItem(STORAGE_KEY);
}

function initialLang(): Lang {
  const stored = storedLang();
  return LANGS.includes(stored as Lang) ? (stored as Lang) : 'vi';
}

export function translator(lang: Lang): Translate {
  const dict = MESSAGES[lang];
  return (key, params) => format(dict[key] ?? key, params);
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useT() outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter, for the switch and for domain labels that carry both (shared/). */
export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
