// On the supervisor's wallboard: open TV mode, make this browser a wall display (read-only, expiring; the
// person's own login on it ends), and see and revoke the displays made so far.
import { WallDisplay } from '@hcm112/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { get, post } from '../../api/http.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatWhen } from '../../i18n/dates.ts';
import { useLang, useT } from '../../i18n/i18n.tsx';

const DisplaysBody = z.object({ displays: z.array(WallDisplay) });
const DisplayBody = z.object({ display: WallDisplay });

/** Ends the person's session on this browser once it is a display: the wall keeps only the read-only credential. */
async function leaveThisBrowser(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  window.location.hash = '#/tv';
}

export function WallDisplays() {
  const t = useT();
  const { lang } = useLang();
  const [displays, setDisplays] = useState<WallDisplay[] | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('7');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    get('/wallboard/displays', DisplaysBody).then(
      (b) => setDisplays(b.displays),
      (err: unknown) => setError(err),
    );
  }, []);
  useEffect(load, [load]);

  const make = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    post('/wallboard/displays', { name: name.trim(), days: Number(days) }, DisplayBody).then(
      () => void leaveThisBrowser(),
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };
  const revoke = (id: string) =>
    post(`/wallboard/displays/${id}/revoke`, {}, DisplayBody).then(load, (err: unknown) => setError(err));

  return (
    <section aria-labelledby="wb-displays" className="wb-displays">
      <h2 id="wb-displays">{t('tv.displays')}</h2>
      <p>
        <a className="button" href="#/tv" id="wb-tv-mode">
          📺 {t('tv.open')}
        </a>{' '}
        <span className="muted">{t('tv.openHint')}</span>
      </p>
      <p className="muted">{t('tv.displaysHint')}</p>
      {error ? <ErrorNotice error={error} onRetry={load} /> : null}
      <form className="wb-wrap-up-form" onSubmit={make}>
        <label>
          {t('tv.name')}{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        </label>
        <label>
          {t('tv.days')}{' '}
          <input
            type="number"
            min={1}
            max={30}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          {t('tv.make')}
        </button>
      </form>
      {displays && displays.length === 0 ? <p className="muted">{t('tv.noDisplays')}</p> : null}
      <ul className="plain-list">
        {(displays ?? []).map((d) => {
          const expired = Date.parse(d.expiresAt) <= Date.now();
          return (
            <li key={d.id} className="row" data-display={d.id}>
              <strong>{d.name}</strong>
              <span className="muted">
                {d.revokedAt
                  ? t('tv.revoked', { who: d.revokedBy ?? '' })
                  : expired
                    ? t('tv.expired')
                    : t('tv.until', { date: formatWhen(lang, d.expiresAt) })}
              </span>
              <span className="muted">
                {d.lastSeenAt
                  ? t('tv.lastSeen', { when: formatWhen(lang, d.lastSeenAt), ip: d.lastIp ?? '?' })
                  : t('tv.neverSeen')}
              </span>
              {!d.revokedAt && !expired ? (
                <button type="button" onClick={() => void revoke(d.id)}>
                  {t('tv.revoke')} · {d.name}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
