// The screens, which roles may open each, and the hash route that selects one (#/dispatch ...).
import type { Role } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import type { MessageKey } from '../i18n/messages.ts';

export type ScreenId =
  | 'calltaker'
  | 'dispatch'
  | 'wallboard'
  | 'users'
  | 'hospitals'
  | 'cameras'
  | 'sources'
  | 'api';

export interface NavEntry {
  screen: ScreenId;
  label: MessageKey;
}

/** What each role sees in its navigation, first entry is its home screen. */
export const NAV_FOR_ROLE: Readonly<Record<Role, readonly NavEntry[]>> = {
  'call-taker': [{ screen: 'calltaker', label: 'nav.calltaker' }],
  dispatcher: [{ screen: 'dispatch', label: 'nav.dispatch' }],
  supervisor: [
    { screen: 'wallboard', label: 'nav.wallboard' },
    { screen: 'dispatch', label: 'nav.dispatchRead' },
    { screen: 'hospitals', label: 'nav.hospitals' },
  ],
  admin: [
    { screen: 'dispatch', label: 'nav.dispatch' },
    { screen: 'wallboard', label: 'nav.wallboard' },
    { screen: 'users', label: 'nav.users' },
    { screen: 'hospitals', label: 'nav.hospitals' },
    { screen: 'cameras', label: 'nav.cameras' },
    { screen: 'sources', label: 'nav.sources' },
    { screen: 'api', label: 'nav.api' },
  ],
};

/** Roles that may act (assign, pin, promote) on the dispatch console rather than only watch it. */
export function canDispatch(role: Role): boolean {
  return role === 'dispatcher';
}

export function screenFromHash(hash: string): ScreenId | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return name === 'calltaker' ||
    name === 'dispatch' ||
    name === 'wallboard' ||
    name === 'users' ||
    name === 'hospitals' ||
    name === 'cameras' ||
    name === 'sources' ||
    name === 'api'
    ? name
    : null;
}

/** The screen for this role: the one in the URL if the role may use it, else the role's home screen. */
export function allowedScreen(role: Role, requested: ScreenId | null): ScreenId {
  const entries = NAV_FOR_ROLE[role];
  const match = entries.find((e) => e.screen === requested);
  return (match ?? entries[0]!).screen;
}

export function useHashScreen(): ScreenId | null {
  const [screen, setScreen] = useState(() => screenFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setScreen(screenFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}
