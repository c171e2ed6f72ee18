// Editing the selected incident: type and subtype, priority, the caller's name and callback number, and the
// location placed by hand (pin, coordinates or landmark). Only what changed is sent; the server audits the edit,
// and the recommendations and cameras follow the new type and place.
import { INCIDENT_TYPES, type Incident, type IncidentType, type UpdateIncidentRequest } from '@hcm112/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { type PickedPlace, PlacePicker } from '../place/PlacePicker.tsx';
import { updateIncident } from './api.ts';

interface EditDraft {
  kind: string;
  priority: string;
  callerName: string;
  callbackNumber: string;
}

function draftOf(incident: Incident): EditDraft {
  return {
    kind: `${incident.type}/${incident.subtype}`,
    priority: String(incident.priority),
    callerName: incident.callerName ?? '',
    callbackNumber: incident.callbackNumber ?? '',
  };
}

/** The request for what differs from the incident; null when nothing does. */
function changesOf(
  incident: Incident,
  d: EditDraft,
  place: PickedPlace | null,
): UpdateIncidentRequest | null {
  const [type, subtype] = d.kind.split('/') as [IncidentType, string];
  const change: UpdateIncidentRequest = {};
  if (type !== incident.type || subtype !== incident.subtype) Object.assign(change, { type, subtype });
  if (Number(d.priority) !== incident.priority) change.priority = Number(d.priority);
  if (d.callerName.trim() !== (incident.callerName ?? '')) change.callerName = d.callerName.trim();
  if (d.callbackNumber.trim() !== (incident.callbackNumber ?? ''))
    change.callbackNumber = d.callbackNumber.trim();
  if (place) change.location = { point: place.point, address: place.label };
  return Object.keys(change).length > 0 ? change : null;
}

export function EditIncident({
  incident,
  onUpdated,
}: {
  incident: Incident;
  onUpdated: (i: Incident) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(incident));
  const [moving, setMoving] = useState(false);
  const [place, setPlace] = useState<PickedPlace | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (!open) {
    return (
      <div className="row edit-row">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(draftOf(incident));
            setPlace(null);
            setMoving(false);
            setSaved(null);
            setError(null);
            setOpen(true);
          }}
        >
          {t('edit.open')}
        </button>
        {saved ? <output className="ok-line">✔ {saved}</output> : null}
      </div>
    );
  }

  const priority = Number(draft.priority);
  const priorityOk =
    draft.priority.trim() !== '' && Number.isInteger(priority) && priority >= 0 && priority <= 10;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!priorityOk) return;
    const change = changesOf(incident, draft, moving ? place : null);
    if (!change) {
      setSaved(t('edit.nothing'));
      setOpen(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await updateIncident(incident.id, change);
      onUpdated(updated);
      setSaved(t('edit.saved', { number: updated.number }));
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof EditDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <form className="edit-incident" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>{t('edit.heading', { number: incident.number })}</h3>
      <div className="edit-grid">
        <label className="field edit-type">
          <span>{t('edit.type')}</span>
          <select value={draft.kind} onChange={set('kind')}>
            {Object.entries(INCIDENT_TYPES).map(([type, info]) => (
              <optgroup key={type} label={info.label[lang]}>
                {Object.entries(info.subtypes).map(([sub, s]) => (
                  <option key={sub} value={`${type}/${sub}`}>
                    {info.label[lang]} · {s[lang]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('edit.priority')}</span>
          <input
            type="number"
            min={0}
            max={10}
            step={1}
            value={draft.priority}
            aria-invalid={!priorityOk || undefined}
            onChange={set('priority')}
          />
        </label>
        <label className="field">
          <span>{t('edit.callerName')}</span>
          <input value={draft.callerName} maxLength={200} onChange={set('callerName')} />
        </label>
        <label className="field">
          <span>{t('edit.callbackNumber')}</span>
          <input
            value={draft.callbackNumber}
            maxLength={32}
            inputMode="tel"
            className="mono"
            onChange={set('callbackNumber')}
          />
        </label>
      </div>
      <fieldset className="edit-location">
        <legend>{t('edit.location')}</legend>
        <label className="check">
          <input type="radio" name={`${id}-loc`} checked={!moving} onChange={() => setMoving(false)} />{' '}
          {t('edit.locationKeep', { address: incident.location.address || t('incident.noAddress') })}
        </label>
        <label className="check">
          <input type="radio" name={`${id}-loc`} checked={moving} onChange={() => setMoving(true)} />{' '}
          {t('place.open')}
        </label>
        {moving ? <PlacePicker initial={incident.location.point} onChange={setPlace} /> : null}
      </fieldset>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !priorityOk || (moving && !place)}
        >
          {t('edit.save')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
