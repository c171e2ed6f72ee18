// The console: language, session, then either the login form or the signed-in shell with its live socket.
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { I18nProvider, useT } from './i18n/i18n.tsx';
import { RealtimeProvider } from './realtime/RealtimeProvider.tsx';
import { LoginScreen } from './session/LoginScreen.tsx';
import { SessionProvider, useSession } from './session/SessionProvider.tsx';
import { Shell } from './shell/Shell.tsx';
import { ApiError } from './api/http.ts';
import { TvScreen } from './wallboard/tv/TvScreen.tsx';
import { useEffect, useState } from 'react';

/** The wall display (#/tv) needs no person's login: a wall display's own credential, or a supervisor's session. */
const isTvHash = () => /^#\/?tv(\/|\?|$)/.test(window.location.hash);

function useTvMode(): boolean {
  const [tv, setTv] = useState(isTvHash);
  useEffect(() => {
    const onChange = () => setTv(isTvHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return tv;
}

export function App() {
  const tv = useTvMode();
  return (
    <I18nProvider>
      {tv ? (
        <TvScreen />
      ) : (
        <SessionProvider>
          <SessionGate />
        </SessionProvider>
      )}
    </I18nProvider>
  );
}

function SessionGate() {
  const t = useT();
  const { status, user, signedIn, recheck } = useSession();
  if (status === 'checking') {
    return (
      <p className="splash" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  }
  if (status === 'unreachable') {
    return (
      <main className="splash">
        <ErrorNotice error={new ApiError(0, 'unavailable', '')} onRetry={recheck} />
      </main>
    );
  }
  if (status === 'anonymous' || !user) return <LoginScreen onSignedIn={signedIn} />;
  return (
    <RealtimeProvider key={user.id} userRole={user.role}>
      <Shell />
    </RealtimeProvider>
  );
}
