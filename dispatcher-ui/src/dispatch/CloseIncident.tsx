// Closing the selected incident with its outcome (disposition) and a note; the server releases its units.
import { Disposition, type Incident } from '@hcm112/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { closeIncident } from './api.ts';

export function CloseIncident({
  incident,
  onUpdated,
}: {
  incident: Incident;
  onUpdated: (incident: Incident) => void;
}) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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
      <button type="button" className="btn" onClick={() => setOpen(true)}>
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
      onUpdated(await closeIncident(incident.id, disposition, note.trim() || undefined));
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
      {incident.assignments.length > 0 && <p className="muted">{t('closeIncident.releases')}</p>}
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
