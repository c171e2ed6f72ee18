// The incident's timeline, newest first, and the note form.
import type { Incident, IncidentNote } from '@hcm112/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import type { Lang } from '../i18n/define.ts';
import { type Translate, useLang, useT } from '../i18n/i18n.tsx';
import { addNote } from './api.ts';
import { timelineText } from './timeline-text.ts';

const KIND_ICON: Readonly<Record<IncidentNote['kind'], string>> = {
  note: '✎',
  status: '◆',
  dispatch: '▲',
  call: '☎',
  camera: '◉',
  location: '⌖',
};

function clock(lang: Lang, iso: string): string {
  return new Date(iso).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A crew's device writes as "<callsign> (crew)"; the word is the reader's. */
function authorOf(t: Translate, n: IncidentNote): string {
  const crew = n.authorId === null ? /^(.*) \(crew\)$/.exec(n.authorName) : null;
  return crew ? `${crew[1]} (${t('tl.crew')})` : n.authorName;
}

export function Timeline({
  incident,
  mayWrite,
  onUpdated,
}: {
  incident: Incident;
  mayWrite: boolean;
  onUpdated: (incident: Incident) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notes = [...incident.notes].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onUpdated(await addNote(incident.id, text.trim()));
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('incident.timeline')}</h3>
      {mayWrite && (
        <form className="note-form" onSubmit={submit}>
          <label className="field">
            <span className="sr-only">{t('incident.noteLabel')}</span>
            <textarea
              rows={2}
              value={text}
              placeholder={t('incident.notePlaceholder')}
              onChange={(e) => setText(e.target.value)}
              maxLength={4000}
            />
          </label>
          <button type="submit" className="btn" disabled={busy || !text.trim()}>
            {t('incident.noteSubmit')}
          </button>
        </form>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <ol className="plain-list timeline">
        {notes.map((n) => (
          <li key={n.id} className={`timeline-item note-${n.kind}`}>
            <span className="timeline-icon" aria-hidden="true">
              {KIND_ICON[n.kind]}
            </span>
            <span className="mono muted">{clock(lang, n.at)}</span>
            <span className="timeline-text">
              {timelineText(t, n)}
              <span className="muted"> — {authorOf(t, n)}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
