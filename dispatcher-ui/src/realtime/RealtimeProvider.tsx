// Starts the console's one websocket for the logged-in user and shares it, with its connection state.
import type { Role, Stream } from '@hcm112/shared';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type ConnectionState, defaultSocketUrl, RealtimeClient, type SocketLike } from './client.ts';

/** The streams the server lets each role follow (docs/api.md, "Streams by role"). */
export const STREAMS_FOR_ROLE: Readonly<Record<Role, readonly Stream[]>> = {
  'call-taker': ['calls', 'incidents'],
  dispatcher: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
  supervisor: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
  admin: ['calls', 'incidents', 'units', 'cameras', 'alerts'],
};

interface Realtime {
  client: RealtimeClient;
  connection: ConnectionState;
}

const RealtimeContext = createContext<Realtime | null>(null);

export function RealtimeProvider({
  userRole,
  children,
  openSocket,
}: {
  /** The signed-in user's role, which decides the streams followed. */
  userRole: Role;
  children: ReactNode;
  /** Tests give a fake socket; the console uses the browser's WebSocket. */
  openSocket?: (url: string) => SocketLike;
}) {
  const [client] = useState(
    () =>
      new RealtimeClient({
        url: defaultSocketUrl(),
        streams: STREAMS_FOR_ROLE[userRole],
        isOnline: () => navigator.onLine,
        openSocket,
      }),
  );
  const [connection, setConnection] = useState<ConnectionState>(client.state);
  useEffect(() => {
    const off = client.onState(setConnection);
    const onNetwork = () => client.networkChanged();
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    client.start();
    return () => {
      off();
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      client.stop();
    };
  }, [client]);
  return <RealtimeContext.Provider value={{ client, connection }}>{children}</RealtimeContext.Provider>;
}

function useRealtime(): Realtime {
  const ctx = useContext(RealtimeContext);
  if (!ctx) throw new Error('realtime used outside RealtimeProvider');
  return ctx;
}

export function useRealtimeClient(): RealtimeClient {
  return useRealtime().client;
}

export function useConnection(): ConnectionState {
  return useRealtime().connection;
}
