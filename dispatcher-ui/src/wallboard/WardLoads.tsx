// The wallboard's load by 2025 ward: open incidents, today's incidents and calls, busiest wards first.
import { WardStats } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { get } from '../api/http.ts';
import { useT } from '../i18n/i18n.tsx';

const REFRESH_MS = 30_000;
/** The wallboard is read from across the room: the busiest wards only. */
const SHOWN = 12;

export function WardLoads() {
  const t = useT();
  const [stats, setStats] = useState<WardStats | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      get('/stats/wards', WardStats).then(
        (s) => alive && setStats(s),
        () => {},
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  if (!stats) return null;
  return (
    <section aria-labelledby="wb-wards">
      <h2 id="wb-wards">{t('wallboard.byWard')}</h2>
      {stats.wards.length === 0 ? (
        <p className="muted">{t('wallboard.noWardLoad')}</p>
      ) : (
        <table className="wb-wards">
          <thead>
            <tr>
              <th scope="col">{t('wallboard.ward')}</th>
              <th scope="col">{t('wallboard.wardOpen')}</th>
              <th scope="col">{t('wallboard.wardIncidents')}</th>
              <th scope="col">{t('wallboard.wardCalls')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.wards.slice(0, SHOWN).map((w) => (
              <tr key={w.ward ?? '-'}>
                <th scope="row">{w.ward ?? t('wallboard.outsideWards')}</th>
                <td className="mono">{w.openIncidents}</td>
                <td className="mono">{w.incidentsToday}</td>
                <td className="mono">{w.callsToday}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
