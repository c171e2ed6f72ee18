// Who is using the console: resolved from the session cookie at start, set by login, cleared by logout.
import { SESSION_ENDED_EVENT } from '../realtime/client.ts';
import type { User } from '@hcm112/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../api/http.ts';
import { fetchCurrentUser, logOut } from './api.ts';

export type SessionStatus = 'checking' | 'anonymous' | 'signed-in' | 'unreachable';

interface Session {
  status: SessionStatus;
  user: User | null;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
  recheck: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<SessionStatus>('checking');

  const recheck = useCallback(() => {
    setStatus('checking');
    fetchCurrentUser().then(
      (u) => {
        setUser(u);
        setStatus('signed-in');
      },
      (err: unknown) => {
        setUser(null);
        setStatus(isApiError(err) && err.status === 401 ? 'anonymous' : 'unreachable');
      },
    );
  }, []);

  useEffect(recheck, [recheck]);
  useEffect(() => {
    window.addEventListener(SESSION_ENDED_EVENT, recheck);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, recheck);
  }, [recheck]);

  const signedIn = useCallback((u: User) => {
    setUser(u);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logOut();
    } finally {
      setUser(null);
      setStatus('anonymous');
    }
  }, []);

  const value = useMemo(
    () => ({ status, user, signedIn, signOut, recheck }),
    [status, user, signedIn, signOut, recheck],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession() outside SessionProvider');
  return ctx;
}

/** The logged-in user, for screens only rendered inside the signed-in shell. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser() without a signed-in user');
  return user;
}
