// A unit's device on the unit board: paired or not, silent, how fast the crew acknowledged, or that they have not
// and the dispatcher should use the radio; with pairing and unpairing for dispatchers.
import type { Incident, PairingCode, Unit, UnitDevice } from '@hcm112/shared';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDuration } from '../../i18n/durations.ts';
import { useT } from '../../i18n/i18n.tsx';
import { createPairingCode, revokeDevice } from './useDevices.ts';
import { PairDialog } from './PairDialog.tsx';

interface Props {
  unit: Unit;
  incident: Incident | undefined;
  devices: UnitDevice[];
  ackTimeoutSeconds: number;
  silentAfterSeconds: number;
  now: number;
  mayPair: boolean;
  onChanged: () => void;
}

export function DeviceCell({
  unit,
  incident,
  devices,
  ackTimeoutSeconds,
  silentAfterSeconds,
  now,
  mayPair,
  onChanged,
}: Props) {
  const t = useT();
  const [pairing, setPairing] = useState<PairingCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const assignment = incident?.assignments.find((a) => a.unitId === unit.id);
  const heard = Math.max(0, ...devices.map((d) => (d.lastSeenAt ? Date.parse(d.lastSeenAt) : 0)));
  const silent =
    devices.length > 0 && unit.status !== 'out-of-service' && now - heard > silentAfterSeconds * 1000;
  const ackSeconds =
    assignment?.acknowledgedAt &&
    Math.round((Date.parse(assignment.acknowledgedAt) - Date.parse(assignment.assignedAt)) / 1000);
  const unacknowledged =
    devices.length > 0 &&
    assignment &&
    !assignment.acknowledgedAt &&
    unit.status === 'dispatched' &&
    now - Date.parse(assignment.assignedAt) > ackTimeoutSeconds * 1000;

  const pair = async () => {
    setError(null);
    try {
      setPairing(await createPairingCode(unit.id));
    } catch (err) {
      setError(err);
    }
  };
  const unpair = async () => {
    if (!confirm(t('devices.revokeConfirm', { callsign: unit.callsign }))) return;
    try {
      for (const d of devices) await revokeDevice(d.id);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="device-cell" data-device={devices.length > 0 ? (silent ? 'silent' : 'paired') : 'none'}>
      {devices.length > 0 && (
        <span className={`badge ${silent ? 'device-silent' : 'device-paired'}`}>
          <span aria-hidden="true">{silent ? '⚠' : '▯'}</span>{' '}
          {silent
            ? t('devices.silent', { ago: formatDuration(t, heard ? (now - heard) / 1000 : 0) })
            : t('devices.paired')}
        </span>
      )}
      {typeof ackSeconds === 'number' && (
        <span className="badge device-ack">{t('devices.ackAfter', { seconds: ackSeconds })}</span>
      )}
      {unacknowledged && (
        <span className="badge device-no-ack" role="alert">
          <span aria-hidden="true">⚠</span> {t('devices.noAck')}
        </span>
      )}
      {mayPair && (
        <button type="button" className="btn btn-small" onClick={() => void pair()}>
          {t('devices.pair')}
        </button>
      )}
      {mayPair && devices.length > 0 && (
        <button type="button" className="btn btn-small" onClick={() => void unpair()}>
          {t('devices.revoke')}
        </button>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {pairing && (
        <PairDialog
          pairing={pairing}
          onClose={() => {
            setPairing(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
