// The signed-in frame: who is on duty, the live connection, the language, their own password, and the screens
// their role may use.
import { type ReactNode, useState } from 'react';
import { CamerasScreen } from '../admin/CamerasScreen.tsx';
import { SourcesScreen } from '../admin/SourcesScreen.tsx';
import { UsersScreen } from '../admin/UsersScreen.tsx';
import { ApiReferenceScreen } from '../api-reference/ApiReferenceScreen.tsx';
import { HospitalsScreen } from '../hospitals/HospitalsScreen.tsx';
import { CallTakerScreen } from '../call-taker/CallTakerScreen.tsx';
import { DispatchScreen } from '../dispatch/DispatchScreen.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ChangePasswordDialog } from '../session/ChangePasswordDialog.tsx';
import { useSession, useUser } from '../session/SessionProvider.tsx';
import { WallboardScreen } from '../wallboard/WallboardScreen.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { allowedScreen, canDispatch, NAV_FOR_ROLE, type ScreenId, useHashScreen } from './routes.ts';

export function Shell() {
  const t = useT();
  const user = useUser();
  const { signOut } = useSession();
  const screen = allowedScreen(user.role, useHashScreen());
  const nav = NAV_FOR_ROLE[user.role];
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <div className="shell">
      <header className={nav.length > 3 ? 'shell-header nav-many' : 'shell-header'}>
        <a className="brand" href={`#/${NAV_FOR_ROLE[user.role][0]!.screen}`}>
          <span className="brand-mark" aria-hidden="true">
            112
          </span>
          <span className="brand-name">{t('app.title')}</span>
        </a>
        <nav aria-label={t('shell.nav')} className="shell-nav">
          {NAV_FOR_ROLE[user.role].map((entry) => (
            <a
              key={entry.screen}
              href={`#/${entry.screen}`}
              className="nav-link"
              aria-current={entry.screen === screen ? 'page' : undefined}
            >
              {t(entry.label)}
            </a>
          ))}
        </nav>
        <div className="shell-tools">
          <ConnectionIndicator />
          <span className="who" data-testid="current-user">
            <strong>{user.displayName}</strong>
            <span className="muted"> · {t(`role.${user.role}`)}</span>
          </span>
          <LanguageSwitch />
          <button
            type="button"
            className="btn btn-small"
            aria-haspopup="dialog"
            onClick={() => setChangingPassword(true)}
          >
            {t('password.open')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void signOut()}>
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <main className="shell-body">{screenFor(screen, canDispatch(user.role))}</main>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}

function screenFor(screen: ScreenId, mayDispatch: boolean): ReactNode {
  switch (screen) {
    case 'calltaker':
      return <CallTakerScreen />;
    case 'wallboard':
      return <WallboardScreen />;
    case 'dispatch':
      return <DispatchScreen readOnly={!mayDispatch} />;
    case 'users':
      return <UsersScreen />;
    case 'hospitals':
      return <HospitalsScreen />;
    case 'api':
      return <ApiReferenceScreen />;
    case 'cameras':
      return <CamerasScreen />;
    case 'sources':
      return <SourcesScreen />;
  }
}
