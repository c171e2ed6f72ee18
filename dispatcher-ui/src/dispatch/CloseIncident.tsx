// Closing the selected incident with its outcome (disposition) and a note, naming the units to release now: the
// others keep their assignment and status until their crew or a dispatcher clears them.
import { Disposition, type Incident, type Unit, type UnitStatus } from '@hcm112/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { UnitStatusBadge } from '../components/badges.tsx';
import { closeIncident } from './api.ts';

/** A unit still carrying a patient, or at the hospital, is not released by default. */
const STILL_WORKING: readonly UnitStatus[] = ['transporting', 'at-hospital'];

export function CloseIncident({
  incident,
  units,
  onUpdated,
}: {
  incident: Incident;
  units: Readonly<Record<string, Unit>>;
  onUpdated: (incident: Incident) => void;
}) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [release, setRelease] = useState<ReadonlySet<string>>(new Set());
  const statusOf = (a: Incident['assignments'][number]) => units[a.unitId]?.status ?? a.status;

  if (incident.status === 'closed') {
    const outcome = incident.disposition ? t(`disposition.${incident.disposition}`) : '';
    return (
      <output className="ok-line" data-testid="incident-closed">
        ✔ {t('closeIncident.done', { number: incident.number, disposition: outcome })}
      </output>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() => {
          setRelease(
            new Set(
              incident.assignments.filter((a) => !STILL_WORKING.includes(statusOf(a))).map((a) => a.unitId),
            ),
          );
          setOpen(true);
        }}
      >
        {t('closeIncident.open')}
      </button>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) return;
    setBusy(true);
    setError(null);
    try {
      const assigned = incident.assignments.map((a) => a.unitId).filter((u) => release.has(u));
      onUpdated(await closeIncident(incident.id, disposition, note.trim() || undefined, assigned));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="close-incident" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('closeIncident.heading', { number: incident.number })}</h3>
      <label className="field">
        <span>{t('closeIncident.disposition')}</span>
        <select
          value={disposition}
          onChange={(e) => setDisposition(e.target.value as Disposition)}
          required
          // biome-ignore lint/a11y/noAutofocus: the person just asked to close; the outcome is the next thing to set
          autoFocus
        >
          <option value="" disabled>
            {t('closeIncident.choose')}
          </option>
          {Disposition.options.map((d) => (
            <option key={d} value={d}>
              {t(`disposition.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('closeIncident.note')}</span>
        <input value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <fieldset className="release-units">
        <legend>{t('release.heading')}</legend>
        {incident.assignments.length === 0 ? (
          <p className="muted">{t('release.none')}</p>
        ) : (
          <>
            <p className="muted">{t('release.hint')}</p>
            {incident.assignments.map((a) => (
              <label key={a.unitId} className="check release-unit" data-unit-id={a.unitId}>
                <input
                  type="checkbox"
                  checked={release.has(a.unitId)}
                  onChange={(e) =>
                    setRelease((r) => {
                      const next = new Set(r);
                      if (e.target.checked) next.add(a.unitId);
                      else next.delete(a.unitId);
                      return next;
                    })
                  }
                />{' '}
                <strong className="mono">{a.callsign}</strong> <UnitStatusBadge status={statusOf(a)} />
                {release.has(a.unitId) ? null : <span className="muted"> · {t('release.keep')}</span>}
              </label>
            ))}
          </>
        )}
      </fieldset>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy || !disposition}>
          {t('closeIncident.submit')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('closeIncident.cancel')}
        </button>
      </div>
    </form>
  );
}
