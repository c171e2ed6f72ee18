// Every location the call had, newest first, with the one in use and why (newest, or an older one much more
// precise and close in time), and the ones that could not be used with their reason.
import type { CallLocationHistory, LocationChoiceReason, LocationFix } from '@hcm112/shared';
import { useLang, useT } from '../i18n/i18n.tsx';
import { LocationMethod } from './location-method.tsx';

function clock(lang: string, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

export function FixRow({
  fix,
  inUse,
  reason,
}: {
  fix: LocationFix;
  inUse: boolean;
  reason: LocationChoiceReason | null;
}) {
  const t = useT();
  const { lang } = useLang();
  const l = fix.location;
  return (
    <li className={`location-fix${inUse ? ' in-use' : ''}${l ? '' : ' unusable'}`} data-testid="location-fix">
      <span className="mono">{clock(lang, l?.at ?? fix.receivedAt)}</span>{' '}
      <strong>{t(`calltaker.source.${fix.source}`)}</strong>
      {l ? (
        <span className="muted">
          {' '}
          ·{' '}
          {l.accuracyM !== null
            ? t('calltaker.accuracy', { m: Math.round(l.accuracyM) })
            : t('calltaker.noAccuracy')}
          <LocationMethod method={l.method} />
        </span>
      ) : (
        <span className="notice-inline"> · {t('calltaker.fixUnusable', { why: fix.problem ?? '' })}</span>
      )}
      {inUse && reason ? (
        <span className="badge fix-in-use" data-testid="location-in-use">
          {t(`calltaker.fixChoice.${reason}`)}
        </span>
      ) : null}
    </li>
  );
}

export function LocationHistory({ history }: { history: CallLocationHistory | null }) {
  const t = useT();
  if (!history || history.fixes.length === 0) return null;
  const newestFirst = [...history.fixes].reverse();
  return (
    <section className="location-history" aria-label={t('calltaker.locationHistory')}>
      <h3>{t('calltaker.locationHistory')}</h3>
      <ul className="plain-list">
        {newestFirst.map((f) => (
          <FixRow
            key={f.id}
            fix={f}
            inUse={history.choice?.fixId === f.id}
            reason={history.choice?.fixId === f.id ? history.choice.reason : null}
          />
        ))}
      </ul>
    </section>
  );
}
