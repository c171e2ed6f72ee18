// The assignment as the crew needs it: what, how urgent, where (map, navigation app), who called, the notes as
// they arrive, and the one-touch acknowledgement.
import type { CrewRoute, Incident } from '@hcm112/shared';
import { useState } from 'react';
import { PriorityBadge } from '../components/badges.tsx';
import { incidentLabel } from '../dispatch/labels.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { CrewMap } from './CrewMap.tsx';
import { reportKey } from './device-api.ts';
import { metresBetween } from './distance.ts';
import type { OutboxItem } from './outbox.ts';

interface Props {
  /** Where the phone is now (its latest fix while on duty), else the unit's last reported position. */
  here: { lat: number; lon: number } | null;
  /** The way there along the streets, once the server has answered (else the straight line is shown). */
  route: CrewRoute | null;
  credential: string;
  incident: Incident;
  acknowledged: boolean;
  report: (item: OutboxItem) => Promise<void>;
}

/** What, how urgent, where and who called, with the acknowledgement while it is due: the top of the screen. */
export function AssignmentCard({ incident, here, route, acknowledged, report }: Omit<Props, 'credential'>) {
  const t = useT();
  const { lang } = useLang();
  const { lat, lon } = incident.location.point;

  const acknowledge = () =>
    void report({
      kind: 'ack',
      path: '/device/acknowledge',
      body: { key: reportKey(), at: new Date().toISOString(), incidentId: incident.id },
    });

  return (
    <article
      className={`crew-assignment${acknowledged ? '' : ' crew-alerting'}`}
      data-testid="crew-assignment"
    >
      {!acknowledged && (
        <>
          <p className="crew-new" role="alert">
            {t('crew.newAssignment')}
          </p>
          <button type="button" className="crew-big crew-ack" onClick={acknowledge}>
            {t('crew.acknowledge')}
          </button>
        </>
      )}
      <header>
        <PriorityBadge priority={incident.priority} />
        <h2>{incidentLabel(incident, lang)}</h2>
        <span className="crew-number">{incident.number}</span>
      </header>
      <p className="crew-address">{incident.location.address || `${lat.toFixed(5)}, ${lon.toFixed(5)}`}</p>
      {route ? (
        <p className="crew-muted" data-testid="crew-eta">
          {t(route.estimated ? 'crew.etaEstimated' : 'crew.eta', {
            km: (route.metres / 1000).toFixed(1),
            min: Math.max(1, Math.round(route.etaSeconds / 60)),
          })}
        </p>
      ) : (
        here && (
          <p className="crew-muted">
            {t('crew.distance', { km: (metresBetween(here, { lat, lon }) / 1000).toFixed(1) })}
          </p>
        )
      )}
      {[...new Set([incident.callbackNumber, ...incident.callerNumbers])]
        .filter((n): n is string => Boolean(n))
        .map((n) => (
          <a key={n} className="crew-callback" href={`tel:${n}`}>
            {t('crew.callback')}: {n}
          </a>
        ))}
      <div className="crew-nav">
        <a className="crew-big" href={`geo:${lat},${lon}?q=${lat},${lon}`}>
          {t('crew.navigate')}
        </a>
        <a
          className="crew-big crew-secondary"
          href={`https://www.google.com/maps/dir/?api=1&destination=${lat},${lon}`}
          target="_blank"
          rel="noreferrer"
        >
          {t('crew.mapsLink')}
        </a>
      </div>
    </article>
  );
}

/** The map with the way there and the notes both ways: below the status buttons. */
export function AssignmentDetails({
  credential,
  incident,
  here,
  route,
  report,
}: Omit<Props, 'acknowledged'>) {
  const t = useT();
  const { lang } = useLang();
  const [note, setNote] = useState('');
  const { lat, lon } = incident.location.point;
  const sendNote = (e: React.FormEvent) => {
    e.preventDefault();
    const text = note.trim();
    if (!text) return;
    setNote('');
    void report({
      kind: 'note',
      path: `/device/incidents/${incident.id}/notes`,
      body: { key: reportKey(), at: new Date().toISOString(), text },
    });
  };

  return (
    <div className="crew-details">
      <CrewMap credential={credential} target={{ lat, lon }} unit={here} route={route} />
      <section className="crew-notes" aria-label={t('crew.notes')}>
        <h3>{t('crew.notes')}</h3>
        <ol>
          {incident.notes
            .filter((n) => n.kind === 'note' || n.kind === 'dispatch')
            .slice(-8)
            .reverse()
            .map((n) => (
              <li key={n.id}>
                <time>
                  {new Date(n.at).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
                    hour: '2-digit',
                    minute: '2-digit',
                  })}
                </time>{' '}
                <b>{n.authorName}</b> {n.text}
              </li>
            ))}
        </ol>
        <form onSubmit={sendNote}>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('crew.note.placeholder')}
            aria-label={t('crew.note.placeholder')}
            maxLength={2000}
          />
          <button type="submit" className="crew-secondary">
            {t('crew.note.send')}
          </button>
        </form>
      </section>
    </div>
  );
}
