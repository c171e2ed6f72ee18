// Unit status board: every unit with its status (word + shape), incident and last position age, filterable by
// status, with the legal status changes for a dispatcher.
import { canTransition, type Incident, type Unit, UnitStatus } from '@hcm112/shared';
import { useMemo, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { UnitStatusBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { DeviceCell } from './devices/DeviceCell.tsx';
import { useDevices } from './devices/useDevices.ts';
import { setUnitStatus } from './api.ts';
import { unitKindLabel } from './labels.ts';

/** Committed units first (they matter now), then available, then out of service. */
const ORDER: Readonly<Record<UnitStatus, number>> = {
  dispatched: 0,
  'en-route': 1,
  'on-scene': 2,
  transporting: 3,
  'at-hospital': 4,
  available: 5,
  'out-of-service': 6,
};

/** Status changes a dispatcher may make by hand; dispatching itself is done by assigning to an incident. */
function manualTargets(from: UnitStatus): UnitStatus[] {
  return UnitStatus.options.filter((to) => to !== 'dispatched' && to !== from && canTransition(from, to));
}

export function UnitBoard({
  units,
  incidents,
  mayDispatch,
  onUnitChanged,
}: {
  units: Readonly<Record<string, Unit>>;
  incidents: Readonly<Record<string, Incident>>;
  mayDispatch: boolean;
  onUnitChanged: (unit: Unit) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [filter, setFilter] = useState<UnitStatus | 'all'>('all');
  const [error, setError] = useState<unknown>(null);
  const devices = useDevices();
  const now = useNow(5000);
  const all = useMemo(
    () =>
      Object.values(units).sort(
        (a, b) => ORDER[a.status] - ORDER[b.status] || a.callsign.localeCompare(b.callsign),
      ),
    [units],
  );
  const counts = useMemo(() => {
    const c: Partial<Record<UnitStatus, number>> = {};
    for (const u of all) c[u.status] = (c[u.status] ?? 0) + 1;
    return c;
  }, [all]);
  const shown = filter === 'all' ? all : all.filter((u) => u.status === filter);

  const change = async (unit: Unit, status: UnitStatus) => {
    setError(null);
    try {
      onUnitChanged(await setUnitStatus(unit.id, status));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="panel unit-board" aria-labelledby="units-heading">
      <div className="unit-board-head">
        <h2 id="units-heading" className="panel-title">
          {t('units.heading')}
        </h2>
        <fieldset className="filters">
          <legend className="sr-only">{t('units.status')}</legend>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={filter === 'all'}
            onClick={() => setFilter('all')}
          >
            {t('units.filterAll')} <span className="count">{all.length}</span>
          </button>
          {UnitStatus.options.map((s) => (
            <button
              key={s}
              type="button"
              className="btn btn-small"
              aria-pressed={filter === s}
              onClick={() => setFilter(s)}
            >
              {t(`status.${s}`)} <span className="count">{counts[s] ?? 0}</span>
            </button>
          ))}
        </fieldset>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="unit-board-scroll">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('units.callsign')}</th>
              <th>{t('units.kind')}</th>
              <th>{t('units.status')}</th>
              <th>{t('units.incident')}</th>
              <th>{t('units.device')}</th>
              {mayDispatch && <th>{t('units.change')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id} data-unit-id={u.id} data-callsign={u.callsign}>
                <td className="mono nowrap">
                  <strong>{u.callsign}</strong>
                  {u.positionStale && <span className="muted"> ({t('units.stale')})</span>}
                </td>
                <td>{unitKindLabel(u.kind, lang)}</td>
                <td className="nowrap">
                  <UnitStatusBadge status={u.status} />
                </td>
                <td className="mono nowrap">
                  {u.incidentId ? <HeldBy incident={incidents[u.incidentId]} /> : '—'}
                </td>
                <td>
                  <DeviceCell
                    unit={u}
                    incident={u.incidentId ? incidents[u.incidentId] : undefined}
                    devices={devices.byUnit.get(u.id) ?? []}
                    ackTimeoutSeconds={devices.ackTimeoutSeconds}
                    silentAfterSeconds={devices.silentAfterSeconds}
                    now={now}
                    mayPair={mayDispatch}
                    onChanged={devices.refresh}
                  />
                </td>
                {mayDispatch && (
                  <td>
                    <StatusSelect unit={u} onChange={(s) => void change(u, s)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StatusSelect({ unit, onChange }: { unit: Unit; onChange: (status: UnitStatus) => void }) {
  const t = useT();
  const targets = manualTargets(unit.status);
  if (targets.length === 0) return null;
  return (
    <select
      className="status-select"
      aria-label={t('units.setStatus', { callsign: unit.callsign })}
      value=""
      onChange={(e) => {
        const parsed = UnitStatus.safeParse(e.target.value);
        if (parsed.success) onChange(parsed.data);
      }}
    >
      <option value="">→</option>
      {targets.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </select>
  );
}

/** The incident a unit works for; a closed one is said so, since the unit has still to clear. */
function HeldBy({ incident }: { incident: Incident | undefined }) {
  const t = useT();
  if (!incident) return <>…</>;
  if (incident.status !== 'closed') return <>{incident.number}</>;
  return <span className="held-closed">{t('units.heldByClosed', { number: incident.number })}</span>;
}
