// Where the incident's callers were, call by call: every location each call had (network, handset, typed, pin),
// newest first, the one in use marked with why, so a dispatcher sees what the incident's position rests on.
import { type Incident, IncidentLocationHistory, nationalForm } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { get } from '../api/http.ts';
import { FixRow } from '../call-taker/LocationHistory.tsx';
import { useT } from '../i18n/i18n.tsx';

/** Refetched when the incident changes (a call linked, the location edited). */
function useIncidentLocations(incident: Incident): IncidentLocationHistory | null {
  const [history, setHistory] = useState<IncidentLocationHistory | null>(null);
  // The change time is part of the key so that an edit refetches; the id is read back from it.
  const key = `${incident.id}|${incident.updatedAt}|${incident.callIds.join(',')}`;
  useEffect(() => {
    let current = true;
    const [id, , calls] = key.split('|');
    if (!calls) {
      setHistory({ calls: [] });
      return;
    }
    get(`/incidents/${id}/locations`, IncidentLocationHistory).then(
      (h) => {
        if (current) setHistory(h);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [key]);
  return history;
}

export function IncidentLocations({ incident }: { incident: Incident }) {
  const t = useT();
  const history = useIncidentLocations(incident);
  const calls = history?.calls.filter((c) => c.fixes.length > 0) ?? [];
  if (calls.length === 0) return null;
  return (
    <section className="incident-locations" aria-label={t('incident.callerLocations')}>
      <h3>{t('incident.callerLocations')}</h3>
      {calls.map((c) => (
        <div key={c.callId} className="incident-call-locations" data-call-id={c.callId}>
          <p className="muted">
            {t('dispatch.callers')}:{' '}
            <span className="mono">{c.callerNumber ? nationalForm(c.callerNumber) : '—'}</span>
          </p>
          <ul className="plain-list location-history">
            {[...c.fixes].reverse().map((f) => (
              <FixRow
                key={f.id}
                fix={f}
                inUse={c.choice?.fixId === f.id}
                reason={c.choice?.fixId === f.id ? c.choice.reason : null}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
