// The status buttons, glove-sized, following the shared state machine from the status the crew last reported
// (sent or still waiting); transporting asks for the destination hospital, nearest first.
import { canTransition, type DevicePosition, NearbyHospital, type UnitStatus } from '@hcm112/shared';
import { useState } from 'react';
import { z } from 'zod';
import { UNIT_STATUS_ICON } from '../components/badges.tsx';
import { useT } from '../i18n/i18n.tsx';
import { deviceCall, reportKey } from './device-api.ts';
import type { OutboxItem } from './outbox.ts';

const CREW_STATUSES: readonly UnitStatus[] = [
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
  'available',
  'out-of-service',
];

const Hospitals = z.object({ hospitals: z.array(NearbyHospital) });

interface Props {
  credential: string;
  status: UnitStatus;
  fix: () => (DevicePosition & { at: string }) | null;
  report: (item: OutboxItem) => Promise<void>;
}

export function StatusButtons({ credential, status, fix, report }: Props) {
  const t = useT();
  const [hospitals, setHospitals] = useState<NearbyHospital[] | null>(null);

  const send = (next: UnitStatus, destination?: NearbyHospital) => {
    const here = fix();
    const position = here
      ? { lat: here.lat, lon: here.lon, heading: here.heading, speedKmh: here.speedKmh }
      : undefined;
    setHospitals(null);
    void report({
      kind: 'status',
      path: '/device/status',
      body: {
        key: reportKey(),
        at: new Date().toISOString(),
        status: next,
        ...(position && { position }),
        ...(destination && { destination: { name: destination.name, point: destination.point } }),
      },
    });
  };

  const chooseHospital = async () => {
    const here = fix();
    if (!here) return send('transporting');
    try {
      const found = await deviceCall(`/device/hospitals?lat=${here.lat}&lon=${here.lon}`, Hospitals, {
        credential,
      });
      setHospitals(found.hospitals);
    } catch {
      send('transporting');
    }
  };

  if (hospitals) {
    return (
      <section className="crew-hospitals" aria-label={t('crew.hospital.choose')}>
        <h2>{t('crew.hospital.choose')}</h2>
        {hospitals.length === 0 && <p>{t('crew.hospital.none')}</p>}
        {hospitals.map((h) => (
          <button key={h.name} type="button" className="crew-big" onClick={() => send('transporting', h)}>
            {h.name} <small>{(h.distanceM / 1000).toFixed(1)} km</small>
          </button>
        ))}
        <button type="button" className="crew-big crew-secondary" onClick={() => setHospitals(null)}>
          {t('crew.cancel')}
        </button>
      </section>
    );
  }

  return (
    <section className="crew-status" aria-label={t('crew.status.heading')}>
      {CREW_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          className={`crew-status-button unit-${s}`}
          disabled={!canTransition(status, s)}
          aria-pressed={status === s}
          onClick={() => (s === 'transporting' ? void chooseHospital() : send(s))}
        >
          <span aria-hidden="true">{UNIT_STATUS_ICON[s]}</span> {t(`status.${s}`)}
        </button>
      ))}
    </section>
  );
}
