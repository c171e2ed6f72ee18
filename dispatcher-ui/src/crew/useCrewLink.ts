// The phone's link to the centre: its unit and incident (pushed on /ws/device, newest kept, last known kept for an
// offline start), the outbox of reports waiting to be sent, and whether the credential was refused.
import { CrewView, DEVICE_REVOKED_CLOSE, DEVICE_SOCKET_PROTOCOL, DeviceMessage } from '@hcm112/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { deviceCall, refusalOf } from './device-api.ts';
import { applyMessage } from './crew-view-state.ts';
import { addReport, flushReports, type OutboxItem, pendingReports, type RefusedReport } from './outbox.ts';

const VIEW_KEY = 'e112.crew.view';
const RETRY_MS = 2000;

export type Refusal = 'revoked' | 'expired' | 'unknown';

function lastKnownView(): CrewView | null {
  try {
    const parsed = CrewView.safeParse(JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface CrewLink {
  view: CrewView | null;
  connected: boolean;
  refusal: Refusal | null;
  pending: OutboxItem[];
  refused: RefusedReport[];
  /** Keeps a report on the phone and sends it as soon as it can. */
  report: (item: OutboxItem) => Promise<void>;
  dismissRefused: () => void;
}

export function useCrewLink(credential: string): CrewLink {
  const [view, setView] = useState<CrewView | null>(lastKnownView);
  const [connected, setConnected] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, setPending] = useState<OutboxItem[]>([]);
  const [refused, setRefused] = useState<RefusedReport[]>([]);
  const flushing = useRef(false);

  useEffect(() => {
    if (view) localStorage.setItem(VIEW_KEY, JSON.stringify(view));
  }, [view]);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const outcome = await flushReports(credential);
      if (outcome.refused.length) setRefused((r) => [...r, ...outcome.refused]);
      if (outcome.state === 'credential-refused') {
        const me = await deviceCall('/device/me', CrewView, { credential }).catch((err: unknown) => err);
        setRefusal(refusalOf(me) ?? null);
      }
    } finally {
      flushing.current = false;
      setPending(await pendingReports());
    }
  }, [credential]);

  const report = useCallback(
    async (item: OutboxItem) => {
      await addReport(item);
      setPending(await pendingReports());
      await flush();
    },
    [flush],
  );

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const connect = async () => {
      try {
        const me = await deviceCall('/device/me', CrewView, { credential });
        setView(me);
      } catch (err) {
        const why = refusalOf(err);
        if (why) return setRefusal(why);
        retry = setTimeout(() => void connect(), RETRY_MS);
        return;
      }
      if (stopped) return;
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(`${proto}//${location.host}/ws/device`, [DEVICE_SOCKET_PROTOCOL, credential]);
      socket = ws;
      ws.onopen = () => {
        setConnected(true);
        void flush();
      };
      ws.onmessage = (e) => {
        const m = DeviceMessage.safeParse(JSON.parse(String(e.data)));
        if (m.success) setView((v) => (v ? applyMessage(v, m.data) : v));
      };
      ws.onclose = (e) => {
        setConnected(false);
        if (stopped) return;
        // Revoked or expired: /device/me says which; anything else is the network, so try again.
        retry = setTimeout(() => void connect(), e.code === DEVICE_REVOKED_CLOSE ? 0 : RETRY_MS);
      };
    };
    void connect();
    const onOnline = () => void flush();
    addEventListener('online', onOnline);
    const tick = setInterval(() => void flush(), 5000);
    void pendingReports().then(setPending);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(tick);
      removeEventListener('online', onOnline);
      socket?.close();
    };
  }, [credential, flush]);

  return { view, connected, refusal, pending, refused, report, dismissRefused: () => setRefused([]) };
}
