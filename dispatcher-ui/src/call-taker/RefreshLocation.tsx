// "Refresh location" for a call located by reference: asks the carrier's location server again (HELD), says it is
// asking, then what came back: a new fix, the same one again, or why there is none.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { refreshCallLocation } from './api.ts';
import { Kbd } from './Kbd.tsx';
import { lastFixId, type RefreshOutcome, refreshOutcome } from './refresh-outcome.ts';
import type { CallLocations } from './useCallLocations.ts';
import { useShortcuts } from './useShortcuts.ts';

/** Fetched again this often while the answer is awaited, in case the call's announcement is missed. */
const RECHECK_MS = 2000;
/** Call control gives up on the location server long before this (its timeout times its tries). */
const GIVE_UP_MS = 60_000;

type Refresh =
  | { phase: 'idle' }
  | { phase: 'asking'; after: number }
  | { phase: 'answered'; outcome: RefreshOutcome }
  | { phase: 'silent' }
  | { phase: 'refused'; error: unknown };

export function RefreshLocation({ callId, locations }: { callId: string; locations: CallLocations }) {
  const t = useT();
  const [refresh, setRefresh] = useState<Refresh>({ phase: 'idle' });
  const { history, reload } = locations;
  const asking = refresh.phase === 'asking';

  const ask = () => {
    if (asking || !history) return;
    const after = lastFixId(history);
    setRefresh({ phase: 'asking', after });
    refreshCallLocation(callId).then(
      () => reload(),
      (error: unknown) => setRefresh({ phase: 'refused', error }),
    );
  };
  useShortcuts({ l: ask });

  // The answer is the carrier's first entry after the ones there when the call-taker asked.
  useEffect(() => {
    if (refresh.phase !== 'asking' || !history) return;
    const outcome = refreshOutcome(history, refresh.after);
    if (outcome) setRefresh({ phase: 'answered', outcome });
  }, [refresh, history]);
  useEffect(() => {
    if (!asking) return;
    const recheck = setInterval(reload, RECHECK_MS);
    const giveUp = setTimeout(() => setRefresh({ phase: 'silent' }), GIVE_UP_MS);
    return () => {
      clearInterval(recheck);
      clearTimeout(giveUp);
    };
  }, [asking, reload]);

  return (
    <div className="refresh-location">
      <button type="button" className="btn btn-small" aria-busy={asking} disabled={asking} onClick={ask}>
        <span aria-hidden="true">⟳ </span>
        {t('refresh.button')} <Kbd keys="Alt+L" />
      </button>
      {refresh.phase === 'refused' ? (
        <ErrorNotice error={refresh.error} />
      ) : (
        <RefreshStatus refresh={refresh} />
      )}
    </div>
  );
}

function RefreshStatus({ refresh }: { refresh: Refresh }) {
  const t = useT();
  const radius = (m: number | null) =>
    m !== null ? t('calltaker.accuracy', { m: Math.round(m) }) : t('calltaker.noAccuracy');
  let text = '';
  let cls = 'muted';
  if (refresh.phase === 'asking') text = t('refresh.asking');
  else if (refresh.phase === 'silent') text = t('refresh.silent');
  else if (refresh.phase === 'answered') {
    const o = refresh.outcome;
    if (o.kind === 'unusable') {
      text = t('refresh.unusable', { why: o.why });
      cls = 'notice-inline';
    } else {
      text = t(o.kind === 'new' ? 'refresh.new' : 'refresh.unchanged', {
        accuracy: radius(o.location.accuracyM),
      });
      cls = o.kind === 'new' ? 'refresh-new' : 'muted';
    }
  }
  // Always in the page, so a screen reader hears each new state of the same live region.
  return (
    <span className={`refresh-status ${cls}`} role="status" data-testid="refresh-status">
      {text}
    </span>
  );
}
