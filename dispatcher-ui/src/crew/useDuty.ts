// On duty: the screen kept awake (Wake Lock), the phone's position followed (Geolocation) and sent as AVL reports
// every CREW_POSITION_INTERVAL_SECONDS; the latest fix is also what a status change carries.
import type { DevicePosition } from '@hcm112/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportKey } from './device-api.ts';
import type { OutboxItem } from './outbox.ts';

const DUTY_KEY = 'e112.crew.onDuty';

export interface Duty {
  onDuty: boolean;
  setOnDuty: (on: boolean) => void;
  /** The latest fix, if any. */
  fix: () => (DevicePosition & { at: string }) | null;
  geoDenied: boolean;
}

function toPosition(p: GeolocationPosition): DevicePosition & { at: string } {
  const heading = p.coords.heading;
  const speed = p.coords.speed;
  return {
    lat: p.coords.latitude,
    lon: p.coords.longitude,
    heading: heading !== null && Number.isFinite(heading) && heading >= 0 && heading < 360 ? heading : null,
    speedKmh: speed !== null && Number.isFinite(speed) && speed >= 0 ? Math.min(400, speed * 3.6) : null,
    at: new Date(p.timestamp || Date.now()).toISOString(),
  };
}

export function useDuty(intervalSeconds: number, report: (item: OutboxItem) => Promise<void>): Duty {
  const [onDuty, setOnDutyState] = useState(() => localStorage.getItem(DUTY_KEY) === 'true');
  const [geoDenied, setGeoDenied] = useState(false);
  const latest = useRef<(DevicePosition & { at: string }) | null>(null);
  const lastSentAt = useRef<string | null>(null);

  const setOnDuty = useCallback((on: boolean) => {
    localStorage.setItem(DUTY_KEY, String(on));
    setOnDutyState(on);
  }, []);

  // The screen stays on while on duty; the lock is lost when the page is hidden and taken again when it returns.
  useEffect(() => {
    if (!onDuty || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    const take = () => {
      if (document.visibilityState === 'visible')
        navigator.wakeLock.request('screen').then(
          (l) => {
            lock = l;
          },
          () => {},
        );
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      document.removeEventListener('visibilitychange', take);
      void lock?.release();
    };
  }, [onDuty]);

  useEffect(() => {
    if (!onDuty || !navigator.geolocation) return;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        latest.current = toPosition(p);
        setGeoDenied(false);
      },
      (err) => setGeoDenied(err.code === err.PERMISSION_DENIED),
      { enableHighAccuracy: true, maximumAge: 5000 },
    );
    const send = () => {
      const fix = latest.current;
      // Sent again even when unchanged: a standing unit's fresh report says the device is alive.
      const at = fix && fix.at === lastSentAt.current ? new Date().toISOString() : fix?.at;
      if (!fix || !at) return;
      lastSentAt.current = at;
      void report({ kind: 'position', path: '/device/positions', body: { ...fix, at, key: reportKey() } });
    };
    const first = setTimeout(send, 1500);
    const timer = setInterval(send, intervalSeconds * 1000);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [onDuty, intervalSeconds, report]);

  return { onDuty, setOnDuty, fix: () => latest.current, geoDenied };
}
