// Pairing this phone with a unit: the code from the dispatcher's screen, typed or arriving in the QR code's link.
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { pairDevice, storeCredential } from './device-api.ts';

export function PairScreen({
  onPaired,
  notice,
}: {
  onPaired: (credential: string) => void;
  notice?: string;
}) {
  const t = useT();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('pair') ?? '');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      const { credential } = await pairDevice(code, navigator.userAgent.slice(0, 60));
      storeCredential(credential);
      history.replaceState(null, '', location.pathname);
      onPaired(credential);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="crew-pair">
      <h1>{t('crew.pair.heading')}</h1>
      {notice && (
        <p className="crew-refused" role="alert">
          {notice}
        </p>
      )}
      <p>{t('crew.pair.help')}</p>
      <form onSubmit={submit}>
        <label htmlFor="pair-code">{t('crew.pair.code')}</label>
        <input
          id="pair-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          inputMode="text"
          maxLength={12}
          placeholder="ABCD-EFGH"
        />
        <button type="submit" className="crew-big" disabled={busy || code.trim().length < 8}>
          {t('crew.pair.submit')}
        </button>
        {failed && (
          <p className="crew-refused" role="alert">
            {t('crew.pair.failed')}
          </p>
        )}
      </form>
    </main>
  );
}
