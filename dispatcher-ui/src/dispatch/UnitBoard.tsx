// Unit status board: every unit with its status (word + shape), ward, incident with distance and ETA, and its
// device; filtered by agency, status, ward and callsign, sorted as chosen, with the legal status changes.
import { canTransition, type Incident, type Unit, type UnitRoute, UnitStatus } from '@hcm112/shared';
import { useMemo, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { UnitStatusBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { DeviceCell } from './devices/DeviceCell.tsx';
import { useDevices } from './devices/useDevices.ts';
import { setUnitStatus } from './api.ts';
import { etaText } from './eta-text.ts';
import { unitKindLabel } from './labels.ts';
import { UnitBoardFilters } from './UnitBoardFilters.tsx';
import { NO_FILTER, statusCounts, type UnitFilter, unitBoardRows, wardsOf } from './unit-board-view.ts';

/** Status changes a dispatcher may make by hand; dispatching itself is done by assigning to an incident. */
function manualTargets(from: UnitStatus): UnitStatus[] {
  return UnitStatus.options.filter((to) => to !== 'dispatched' && to !== from && canTransition(from, to));
}

export function UnitBoard({
  units,
  incidents,
  routes,
  mayDispatch,
  onUnitChanged,
}: {
  units: Readonly<Record<string, Unit>>;
  incidents: Readonly<Record<string, Incident>>;
  /** Routes of the units on their way to the selected incident (their ETAs). */
  routes: readonly UnitRoute[];
  mayDispatch: boolean;
  onUnitChanged: (unit: Unit) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [filter, setFilter] = useState<UnitFilter>(NO_FILTER);
  const [error, setError] = useState<unknown>(null);
  const devices = useDevices();
  const now = useNow(5000);
  const all = useMemo(() => Object.values(units), [units]);
  const wards = useMemo(() => wardsOf(all), [all]);
  const counts = useMemo(() => statusCounts(all, filter), [all, filter]);
  const shown = useMemo(
    () => unitBoardRows(all, incidents, routes, filter),
    [all, incidents, routes, filter],
  );

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
        <UnitBoardFilters
          filter={filter}
          onChange={setFilter}
          counts={counts}
          total={all.length}
          shown={shown.length}
          wards={wards}
        />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="unit-board-scroll">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('units.callsign')}</th>
              <th>{t('units.kind')}</th>
              <th>{t('units.status')}</th>
              <th>{t('unitBoard.ward')}</th>
              <th>{t('units.incident')}</th>
              <th className="num">{t('unitBoard.distance')}</th>
              <th className="num">{t('unitBoard.eta')}</th>
              <th>{t('units.device')}</th>
              {mayDispatch && <th>{t('units.change')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ unit: u, distanceM, etaSeconds, etaEstimated }) => (
              <tr key={u.id} data-unit-id={u.id} data-callsign={u.callsign} data-agency={u.agency}>
                <td className="mono nowrap">
                  <strong>{u.callsign}</strong>
                  {u.positionStale && <span className="muted"> ({t('units.stale')})</span>}
                </td>
                <td>{unitKindLabel(u.kind, lang)}</td>
                <td className="nowrap">
                  <UnitStatusBadge status={u.status} />
                </td>
                <td className="unit-ward">{u.ward ?? '—'}</td>
                <td className="mono nowrap">
                  {u.incidentId ? <HeldBy incident={incidents[u.incidentId]} /> : '—'}
                </td>
                <td className="num nowrap unit-distance">
                  {distanceM === null ? '' : t('unitBoard.km', { km: (distanceM / 1000).toFixed(1) })}
                </td>
                <td className="num nowrap unit-eta">
                  {etaSeconds === null ? '' : etaText(t, etaSeconds, etaEstimated)}
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
