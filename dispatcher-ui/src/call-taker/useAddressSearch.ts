// Gazetteer type-ahead: asks the server after a short pause in typing, and drops answers to older queries.
import type { AddressMatch } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { searchAddresses } from './api.ts';

const PAUSE_MS = 200;

export function useAddressSearch(query: string, enabled: boolean): AddressMatch[] {
  const [matches, setMatches] = useState<AddressMatch[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < 2) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchAddresses(q).then(
        (found) => {
          if (current) setMatches(found);
        },
        () => {
          if (current) setMatches([]);
        },
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return matches;
}
