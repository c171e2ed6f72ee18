// The recommended units for the selected incident, asked again whenever the incident changes, when one of the
// offered units changes status (another dispatcher took it, it went out of service), or on request.
import type { Incident, Recommendation, Unit } from '@hcm112/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchRecommendations } from './api.ts';

export interface Recommendations {
  recommendations: Recommendation[] | null;
  error: unknown;
  refresh: () => void;
}

export function useRecommendations(
  incident: Incident | null,
  units: Readonly<Record<string, Unit>>,
): Recommendations {
  const [recommendations, setRecommendations] = useState<Recommendation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);
  // The incident the list was asked for: on the render that selects another incident the old list must not be
  // offered (its units would take that incident's key numbers).
  const [listFor, setListFor] = useState<string | null>(null);
  const id = incident?.id ?? null;
  const version = incident?.updatedAt ?? null;

  const offered = useMemo(
    () => (recommendations ?? []).map((r) => units[r.unitId]?.status ?? '').join(','),
    [recommendations, units],
  );
  const seen = useRef<{ list: Recommendation[] | null; offered: string }>({ list: null, offered: '' });
  useEffect(() => {
    const same = seen.current.list === recommendations;
    if (same && recommendations && offered !== seen.current.offered) setAsked((n) => n + 1);
    seen.current = { list: recommendations, offered };
  }, [recommendations, offered]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a list belongs to one incident; cleared on a new one
  useEffect(() => setRecommendations(null), [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `asked` only trigger a new request
  useEffect(() => {
    if (!id) return;
    let current = true;
    fetchRecommendations(id).then(
      (list) => {
        if (!current) return;
        setRecommendations(list);
        setListFor(id);
        setError(null);
      },
      (err: unknown) => {
        if (current) setError(err);
      },
    );
    return () => {
      current = false;
    };
  }, [id, version, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { recommendations: listFor === id ? recommendations : null, error, refresh };
}
