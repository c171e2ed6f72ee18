// The crews' paired devices as the dispatch console sees them: fetched now and every 15 s, or every quarter of the
// silent time when that is shorter (a device's last contact is what tells it is silent, and the server writes it
// down at most a quarter late), and again after pairing or unpairing.
import { DeviceOverview, PairingCode, type UnitDevice } from '@hcm112/shared';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { get, post, send } from '../../api/http.ts';

const REFRESH_MS = 15_000;
const PairingBody = z.object({ pairing: PairingCode });

export const createPairingCode = async (unitId: string) =>
  (await post(`/units/${unitId}/pairing-codes`, {}, PairingBody)).pairing;

export const revokeDevice = (deviceId: string) => send('POST', `/devices/${deviceId}/revoke`, {});

export interface Devices {
  byUnit: ReadonlyMap<string, UnitDevice[]>;
  ackTimeoutSeconds: number;
  silentAfterSeconds: number;
  refresh: () => void;
}

export function useDevices(): Devices {
  const [overview, setOverview] = useState<DeviceOverview | null>(null);
  const refresh = useCallback(() => {
    get('/devices', DeviceOverview).then(setOverview, () => {
      // kept as it was; the next round tries again
    });
  }, []);
  const silentAfterSeconds = overview?.silentAfterSeconds ?? 120;
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, Math.min(REFRESH_MS, silentAfterSeconds * 250));
    return () => clearInterval(timer);
  }, [refresh, silentAfterSeconds]);
  const byUnit = new Map<string, UnitDevice[]>();
  for (const d of overview?.devices ?? []) byUnit.set(d.unitId, [...(byUnit.get(d.unitId) ?? []), d]);
  return {
    byUnit,
    ackTimeoutSeconds: overview?.ackTimeoutSeconds ?? 30,
    silentAfterSeconds,
    refresh,
  };
}
