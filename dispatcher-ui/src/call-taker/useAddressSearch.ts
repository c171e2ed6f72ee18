// Gazetteer type-ahead: asks the server after a short pause in typing, and drops answers to older queries.
import type { AddressMatch } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { searchAddresses } from './api.ts';

const PAUSE_MS = 200;

export interface AddressSearch {
  matches: AddressMatch[];
  /** The query the gazetteer answered with nothing (the form says so), null otherwise. */
  notFound: string | null;
}

export function useAddressSearch(query: string, enabled: boolean): AddressSearch {
  const [result, setResult] = useState<AddressSearch>({ matches: [], notFound: null });
  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < 2) {
      setResult({ matches: [], notFound: null });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchAddresses(q).then(
        (found) => {
          if (current) setResult({ matches: found, notFound: found.length === 0 ? q : null });
        },
        () => {
          if (current) setResult({ matches: [], notFound: null });
        },
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return result;
}
