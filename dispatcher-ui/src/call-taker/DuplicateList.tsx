// Open incidents near this one that may be the same event, each with a button to link the call to it instead.
import type { DuplicateCandidate } from '@hcm112/shared';
import { PriorityBadge } from '../components/badges.tsx';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { taxonomyLabel } from './taxonomy-search.ts';

export interface DuplicateListProps {
  candidates: readonly DuplicateCandidate[];
  onLink: (candidate: DuplicateCandidate) => void;
  busy: boolean;
  firstButtonRef?: (el: HTMLButtonElement | null) => void;
}

export function DuplicateList({ candidates, onLink, busy, firstButtonRef }: DuplicateListProps) {
  const t = useT();
  const { lang } = useLang();
  if (candidates.length === 0) return null;
  return (
    <section className="duplicates" aria-labelledby="dup-heading">
      <h3 id="dup-heading">
        <span aria-hidden="true">⚠ </span>
        {t('ctDup.heading', { n: candidates.length })}
      </h3>
      <ul className="plain-list">
        {candidates.map((c, i) => (
          <li key={c.incidentId} className="row dup-row" data-incident-number={c.number}>
            <PriorityBadge priority={c.priority} />
            <span className="dup-what">
              <strong className="mono">{c.number}</strong> {taxonomyLabel(lang, c.type, c.subtype)}
              <br />
              <span className="muted">
                {c.address || '—'} · {t('ctDup.distance', { m: Math.round(c.distanceM) })} ·{' '}
                {t('ctDup.age', { age: formatDuration(t, c.ageSeconds) })}
              </span>
            </span>
            <button
              type="button"
              className="btn"
              ref={i === 0 ? firstButtonRef : undefined}
              disabled={busy}
              onClick={() => onLink(c)}
            >
              {t('ctDup.link', { number: c.number })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
