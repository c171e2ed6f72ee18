// The history of incidents: search closed ones (or all) by number, address, caller's number, type and time, and
// reopen one with the reason, which puts it back on the open list (audited by the server).
import { INCIDENT_TYPES, type Incident, type IncidentType } from '@hcm112/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { IncidentStatusBadge, PriorityBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { reopenIncident, searchHistory } from './api.ts';
import { formatWhen } from '../i18n/dates.ts';
import { incidentLabel } from './labels.ts';

/**
 * A typed day and time, dd/mm/yyyy with an optional hh:mm (the way both languages write dates here), as an ISO
 * instant in the console's time zone; undefined when empty, null when it cannot be read.
 */
export function parseDayTime(text: string, endOfDay = false): string | undefined | null {
  const s = text.trim();
  if (!s) return undefined;
  const m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/);
  if (!m) return null;
  const [, d, mo, y, h, mi] = m.map(Number) as number[];
  const time = m[4] === undefined ? (endOfDay ? [23, 59] : [0, 0]) : [h!, mi!];
  const at = new Date(y!, mo! - 1, d!, time[0], time[1]);
  if (at.getDate() !== d || at.getMonth() !== mo! - 1 || time[0]! > 23 || time[1]! > 59) return null;
  return at.toISOString();
}

export function HistoryPanel({
  mayReopen,
  onReopened,
  onClose,
}: {
  mayReopen: boolean;
  onReopened: (incident: Incident) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [q, setQ] = useState('');
  const [type, setType] = useState<IncidentType | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [includeOpen, setIncludeOpen] = useState(false);
  const [results, setResults] = useState<Incident[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const fromAt = parseDayTime(from);
  const toAt = parseDayTime(to, true);
  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    if (fromAt === null || toAt === null) return;
    setBusy(true);
    setError(null);
    try {
      setResults(
        await searchHistory({
          q: q.trim(),
          type: type || undefined,
          from: fromAt,
          to: toAt,
          status: includeOpen ? 'all' : 'closed',
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // The latest closed incidents show at once, before any search.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on opening
  useEffect(() => {
    void search();
  }, []);

  return (
    <section className="panel history" aria-labelledby={`${id}-h`}>
      <header className="detail-head">
        <h2 id={`${id}-h`} className="panel-title">
          {t('history.heading')}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('history.close')}
        </button>
      </header>
      <form className="history-form" onSubmit={search}>
        <label className="field history-q">
          <span>{t('history.query')}</span>
          <input
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the dispatcher opened the history to search it
            autoFocus
          />
        </label>
        <label className="field">
          <span>{t('history.type')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
            <option value="">{t('history.anyType')}</option>
            {Object.entries(INCIDENT_TYPES).map(([k, info]) => (
              <option key={k} value={k}>
                {info.label[lang]}
              </option>
            ))}
          </select>
        </label>
        <DayTimeField label={t('history.from')} value={from} bad={fromAt === null} onChange={setFrom} />
        <DayTimeField label={t('history.to')} value={to} bad={toAt === null} onChange={setTo} />
        <label className="check">
          <input type="checkbox" checked={includeOpen} onChange={(e) => setIncludeOpen(e.target.checked)} />{' '}
          {t('history.includeOpen')}
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('history.search')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {results === null ? null : results.length === 0 ? (
        <p className="empty">{t('history.none')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('history.results', { n: results.length })}
          </p>
          <ul className="plain-list history-list">
            {results.map((i) => (
              <HistoryRow key={i.id} incident={i} mayReopen={mayReopen} onReopened={onReopened} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DayTimeField({
  label,
  value,
  bad,
  onChange,
}: {
  label: string;
  value: string;
  bad: boolean;
  onChange: (v: string) => void;
}) {
  const t = useT();
  const id = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="mono"
        value={value}
        placeholder={t('history.dayTimeFormat')}
        maxLength={20}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-bad` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {bad ? (
        <span className="field-error" id={`${id}-bad`} role="alert">
          {t('history.badDayTime')}
        </span>
      ) : null}
    </label>
  );
}

function HistoryRow({
  incident: i,
  mayReopen,
  onReopened,
}: {
  incident: Incident;
  mayReopen: boolean;
  onReopened: (incident: Incident) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onReopened(await reopenIncident(i.id, reason.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="history-row" data-incident-id={i.id}>
      <div className="row">
        <PriorityBadge priority={i.priority} />
        <strong className="mono">{i.number}</strong>
        <span>{incidentLabel(i, lang)}</span>
        <IncidentStatusBadge status={i.status} />
      </div>
      <div className="muted">
        {i.location.address || t('incident.noAddress')} · {formatWhen(lang, i.createdAt)}
        {i.closedAt ? ` · ${t('history.closedAt', { when: formatWhen(lang, i.closedAt) })}` : ''}
        {i.disposition ? ` · ${t(`disposition.${i.disposition}`)}` : ''}
        {i.callerNumbers.length > 0 ? ` · ${t('history.callers')}: ${i.callerNumbers.join(', ')}` : ''}
      </div>
      {mayReopen && i.status === 'closed' ? (
        asking ? (
          <form className="row reopen-form" onSubmit={reopen}>
            <label className="field">
              <span>{t('history.reopenReason')}</span>
              <input
                value={reason}
                maxLength={4000}
                onChange={(e) => setReason(e.target.value)}
                // biome-ignore lint/a11y/noAutofocus: the dispatcher just asked to reopen
                autoFocus
              />
            </label>
            <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()}>
              {t('history.reopenSubmit', { number: i.number })}
            </button>
          </form>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
            {t('history.reopen')}
          </button>
        )
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}
