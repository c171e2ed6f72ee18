// Connection state always on screen, as a word and a shape (never colour alone).
import { useT } from '../i18n/i18n.tsx';
import type { ConnectionState } from '../realtime/client.ts';
import { useConnection } from '../realtime/RealtimeProvider.tsx';

const LOOK: Readonly<
  Record<
    ConnectionState,
    { icon: string; label: 'conn.live' | 'conn.connecting' | 'conn.reconnecting' | 'conn.offline' }
  >
> = {
  live: { icon: '●', label: 'conn.live' },
  connecting: { icon: '◌', label: 'conn.connecting' },
  reconnecting: { icon: '↻', label: 'conn.reconnecting' },
  offline: { icon: '✕', label: 'conn.offline' },
};

const HINT = {
  live: 'conn.liveHint',
  connecting: 'conn.reconnectingHint',
  reconnecting: 'conn.reconnectingHint',
  offline: 'conn.offlineHint',
} as const;

export function ConnectionIndicator() {
  const t = useT();
  const state = useConnection();
  const look = LOOK[state];
  return (
    <output className={`conn conn-${state}`} data-state={state} title={t(HINT[state])} aria-live="polite">
      <span className="conn-icon" aria-hidden="true">
        {look.icon}
      </span>
      {t(look.label)}
    </output>
  );
}
