// Turning a camera alert into an incident, deliberately: the dispatcher confirms the type and priority (the
// alert's kind suggests them) and sees open incidents of that type nearby before creating another.
import {
  ALERT_INCIDENT_TYPE,
  type CameraAlert,
  type DuplicateCandidate,
  INCIDENT_TYPES,
  type Incident,
  type IncidentType,
} from '@hcm112/shared';
import { type FormEvent, useId, useState } from 'react';
import { useDuplicates } from '../call-taker/useDuplicates.ts';
import { PriorityBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { promoteAlert } from './api.ts';

function suggested(alert: CameraAlert) {
  const { type, subtype } = ALERT_INCIDENT_TYPE[alert.kind];
  return {
    kind: `${type}/${subtype}`,
    priority: String(INCIDENT_TYPES[type].subtypes[subtype]?.priority ?? 5),
  };
}

export function PromoteAlert({
  alert,
  onPromoted,
  onShowIncident,
  onCancel,
}: {
  alert: CameraAlert;
  onPromoted: (alert: CameraAlert, incident: Incident) => void;
  onShowIncident: (candidate: DuplicateCandidate) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [draft, setDraft] = useState(() => suggested(alert));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [type, subtype] = draft.kind.split('/') as [IncidentType, string];
  const duplicates = useDuplicates(type, alert.point);
  const priority = Number(draft.priority);
  const priorityOk =
    draft.priority.trim() !== '' && Number.isInteger(priority) && priority >= 0 && priority <= 10;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!priorityOk) return;
    setBusy(true);
    setError(null);
    try {
      const done = await promoteAlert(alert.id, { type, subtype, priority });
      onPromoted(done.alert, done.incident);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="promote-alert" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>{t('alertCard.promoteHeading')}</h3>
      <div className="promote-grid">
        <label className="field">
          <span>{t('edit.type')}</span>
          <select
            value={draft.kind}
            onChange={(e) => {
              const [ty, sub] = e.target.value.split('/') as [IncidentType, string];
              const p = INCIDENT_TYPES[ty].subtypes[sub]?.priority ?? priority;
              setDraft({ kind: e.target.value, priority: String(p) });
            }}
          >
            {Object.entries(INCIDENT_TYPES).map(([ty, info]) => (
              <optgroup key={ty} label={info.label[lang]}>
                {Object.entries(info.subtypes).map(([sub, s]) => (
                  <option key={sub} value={`${ty}/${sub}`}>
                    {info.label[lang]} · {s[lang]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field promote-priority">
          <span>{t('edit.priority')}</span>
          <input
            type="number"
            min={0}
            max={10}
            step={1}
            value={draft.priority}
            aria-invalid={!priorityOk || undefined}
            onChange={(e) => setDraft((d) => ({ ...d, priority: e.target.value }))}
          />
        </label>
      </div>
      {duplicates.length > 0 ? (
        <section
          className="alert-duplicates"
          aria-label={t('alertCard.duplicates', { n: duplicates.length })}
        >
          <p className="warn-line">
            <span aria-hidden="true">⚠ </span>
            {t('alertCard.duplicates', { n: duplicates.length })}
          </p>
          <ul className="plain-list">
            {duplicates.map((c) => (
              <li key={c.incidentId} className="row dup-row" data-incident-number={c.number}>
                <PriorityBadge priority={c.priority} />
                <span>
                  <strong className="mono">{c.number}</strong>{' '}
                  {INCIDENT_TYPES[c.type].subtypes[c.subtype]?.[lang] ?? INCIDENT_TYPES[c.type].label[lang]}
                  <span className="muted">
                    {' '}
                    · {t('ctDup.distance', { m: Math.round(c.distanceM) })} ·{' '}
                    {t('ctDup.age', { age: formatDuration(t, c.ageSeconds) })}
                  </span>
                </span>
                <button type="button" className="btn btn-small" onClick={() => onShowIncident(c)}>
                  {t('alertCard.showIncident', { number: c.number })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || !priorityOk}>
          {duplicates.length > 0 ? t('alertCard.createAnyway') : t('alertCard.create')}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
