// Vietnamese / English switch: two real buttons, the current one marked pressed.
import { LANGS } from '../i18n/define.ts';
import { useLang, useT } from '../i18n/i18n.tsx';

const NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <fieldset className="lang-switch">
      <legend className="sr-only">{t('shell.language')}</legend>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          className="btn btn-small"
          aria-pressed={lang === l}
          lang={l}
          onClick={() => setLang(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
