// Supervisors and admins say what each hospital can treat, whether it is diverting ambulances, and confirm
// imported records. Each row saves on its own (the server refuses a stale edit with 409).
import {
  HOSPITAL_CAPABILITY_LABELS,
  Hospital,
  type HospitalCapability,
  HospitalCapability as HospitalCapabilitySchema,
} from '@hcm112/shared';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { get, patch } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import './hospitals.css';

const HospitalList = z.object({ hospitals: z.array(Hospital) });
const OneHospital = z.object({ hospital: Hospital });
const CAPABILITIES = HospitalCapabilitySchema.options;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

export function HospitalsScreen() {
  const t = useT();
  const [hospitals, setHospitals] = useState<Hospital[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    get('/hospitals', HospitalList).then((r) => setHospitals(r.hospitals), setError);
  }, []);
  const shown = useMemo(
    () => (hospitals ?? []).filter((h) => fold(h.name).includes(fold(filter.trim()))),
    [hospitals, filter],
  );

  const save = async (
    h: Hospital,
    change: Partial<Pick<Hospital, 'capabilities' | 'diverting' | 'verified'>>,
  ) => {
    setError(null);
    setDone(null);
    try {
      const { hospital } = await patch(`/hospitals/${h.id}`, { ...change, version: h.version }, OneHospital);
      setHospitals((list) => list?.map((x) => (x.id === hospital.id ? hospital : x)) ?? null);
      setDone(t('hospitals.saved', { name: hospital.name }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="screen hospitals-screen" aria-labelledby="hospitals-heading">
      <h1 id="hospitals-heading">{t('hospitals.heading')}</h1>
      <p className="muted">{t('hospitals.hint')}</p>
      <label className="hospitals-filter">
        {t('hospitals.filter')} <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      {done ? (
        <p role="status" className="muted">
          {done}
        </p>
      ) : null}
      <table className="hospitals-table">
        <thead>
          <tr>
            <th scope="col">{t('hospitals.name')}</th>
            <th scope="col">{t('hospitals.ward')}</th>
            {CAPABILITIES.map((c) => (
              <th scope="col" key={c}>
                <CapabilityLabel capability={c} />
              </th>
            ))}
            <th scope="col">{t('hospitals.diverting')}</th>
            <th scope="col">{t('hospitals.verified')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((h) => (
            <tr key={h.id} className={h.diverting ? 'diverting' : undefined}>
              <th scope="row">
                {h.name}
                {!h.verified && <span className="badge-unverified"> {t('hospitals.unverified')}</span>}
              </th>
              <td>{h.ward ?? '—'}</td>
              {CAPABILITIES.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${h.name}: ${c}`}
                    checked={h.capabilities.includes(c)}
                    onChange={(e) =>
                      void save(h, {
                        capabilities: e.target.checked
                          ? [...h.capabilities, c]
                          : h.capabilities.filter((x: HospitalCapability) => x !== c),
                      })
                    }
                  />
                </td>
              ))}
              <td>
                <input
                  type="checkbox"
                  aria-label={`${h.name}: ${t('hospitals.diverting')}`}
                  checked={h.diverting}
                  onChange={(e) => void save(h, { diverting: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${h.name}: ${t('hospitals.verified')}`}
                  checked={h.verified}
                  onChange={(e) => void save(h, { verified: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CapabilityLabel({ capability }: { capability: HospitalCapability }) {
  const { lang } = useLang();
  return <>{HOSPITAL_CAPABILITY_LABELS[capability][lang]}</>;
}
