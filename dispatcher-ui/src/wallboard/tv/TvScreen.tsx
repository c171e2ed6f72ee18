// The wallboard for a wall screen or TV ("TV mode", #/tv): one screen, no scrolling, no interaction, figures
// large enough to read across the room, refreshed every 2 s. Opened by a wall display (its own read-only
// credential) or by a supervisor or admin on their own login.
import type { WallboardFigures } from '@hcm112/shared';
import { AGENT_ICON, PriorityBadge } from '../../components/badges.tsx';
import { useNow } from '../../components/useNow.ts';
import { incidentLabel } from '../../dispatch/labels.ts';
import { useLang, useT } from '../../i18n/i18n.tsx';
import { percent, shareVerdict, TARGET_15S } from '../figures.ts';
import { clockDuration, personFlagged, secondsInState, sortedPeople } from './people.ts';
import { useWallFigures } from './useWallFigures.ts';
import './tv.css';

/** Shown when the server has not answered for this long: the figures on screen are old. */
const STALE_AFTER_MS = 8000;
const PEOPLE_SHOWN = 16;
const WAITING_SHOWN = 6;
const WARDS_SHOWN = 5;
const NO_UNIT_SHOWN = 4;
const SERVICES = ['112', '113', '114', '115'] as const;
const DESK_ICON = { 'console-open': '▣', 'signed-in': '□' } as const;

/** hh:mm in the centre's time zone (the wall's browser may be set to any). */
function wallClock(lang: 'vi' | 'en', timeZone: string, now: number): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(now));
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(new Date(now));
  }
}

/** dd/mm/yyyy in the centre's time zone. */
function wallDate(timeZone: string, iso: string): string {
  const options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  }
}

type Tone = 'plain' | 'good' | 'warning' | 'bad';

function Tile({
  id,
  label,
  value,
  note,
  tone = 'plain',
  children,
}: {
  id: string;
  label: string;
  value: string | number;
  note?: string;
  tone?: Tone;
  children?: React.ReactNode;
}) {
  return (
    <div className={`tv-tile tv-${tone}`} data-figure={id}>
      <span className="tv-label">{label}</span>
      <span className="tv-value">{value}</span>
      {note ? <span className="tv-note">{note}</span> : null}
      {children}
    </div>
  );
}

function Denied({ display }: { display: boolean }) {
  const t = useT();
  return (
    <main className="tv tv-denied" aria-labelledby="tv-denied">
      <h1 id="tv-denied">⛔ {t('tv.denied.title')}</h1>
      <p>{t(display ? 'tv.denied.body' : 'tv.denied.session')}</p>
      <button type="button" onClick={() => window.location.assign('#/wallboard')}>
        {t('tv.denied.signIn')}
      </button>
    </main>
  );
}

export function TvScreen() {
  const t = useT();
  const feed = useWallFigures();
  const now = useNow(1000);
  if (feed.kind === 'denied') return <Denied display={feed.display} />;
  if (feed.kind === 'loading')
    return (
      <main className="tv" aria-busy="true">
        <p className="tv-loading">{t('app.loading')}</p>
      </main>
    );
  const stale = now - feed.receivedAt > STALE_AFTER_MS;
  return (
    <TvBoard
      f={feed.figures}
      now={now}
      serverSkew={Date.parse(feed.figures.at) - feed.receivedAt}
      receivedAt={feed.receivedAt}
      stale={stale}
    />
  );
}

function TvBoard({
  f,
  now,
  serverSkew,
  receivedAt,
  stale,
}: {
  f: WallboardFigures;
  now: number;
  serverSkew: number;
  receivedAt: number;
  stale: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  /** The server's clock now, for ages counted against its timestamps. */
  const serverNow = now + serverSkew;
  const sinceRead = (now - receivedAt) / 1000;
  const c = f.calls;
  const longest = c.waiting > 0 ? c.longestWaitSeconds + sinceRead : 0;
  const share = c.answeredWithin15sShare;
  const verdict = shareVerdict(share, TARGET_15S);
  const offered = c.answeredToday + c.abandonedToday;
  const escalated = f.unassignedIncidents.filter((i) => i.escalated).length;
  const people = sortedPeople(f.people);
  const maxHour = Math.max(1, ...f.callsPerHour.map((h) => h.calls));
  const freeTotal = f.unitsByAgency.reduce((s, a) => s + a.available, 0);
  const clock = wallClock(lang, f.timeZone, now);
  return (
    <main className={stale ? 'tv tv-is-stale' : 'tv'} aria-labelledby="tv-heading" data-at={f.at}>
      <header className="tv-header">
        <h1 id="tv-heading">{t('tv.heading')}</h1>
        <span className="tv-clock mono">{clock}</span>
        <span className={stale ? 'tv-status tv-bad' : 'tv-status'} role="status" data-stale={stale}>
          {stale
            ? `⚠ ${t('tv.stale', { age: clockDuration(sinceRead) })}`
            : `● ${t('tv.live')} · ${t('tv.updated', { age: clockDuration(sinceRead) })}`}
        </span>
        <span className="tv-who">
          {f.display
            ? t('tv.display', { name: f.display.name, date: wallDate(f.timeZone, f.display.expiresAt) })
            : t('tv.personal')}
        </span>
      </header>

      <section className="tv-kpis" aria-label={t('wallboard.callsToday')}>
        <Tile
          id="waiting"
          label={t('tv.waiting')}
          value={c.waiting}
          tone={c.waiting === 0 ? 'good' : longest >= 20 ? 'bad' : 'warning'}
        >
          <span className="tv-services">
            {SERVICES.map((s) => (
              <span
                key={s}
                className={f.waitingByService[s] ? 'tv-service tv-service-on' : 'tv-service'}
                data-service={s}
              >
                <span className="tv-service-number">{s}</span>
                <span className="tv-service-count">{f.waitingByService[s] ?? 0}</span>
              </span>
            ))}
          </span>
        </Tile>
        <Tile
          id="longest-wait"
          label={t('tv.longestWait')}
          value={c.waiting > 0 ? clockDuration(longest) : '—'}
          tone={c.waiting === 0 ? 'plain' : longest >= 20 ? 'bad' : longest >= 10 ? 'warning' : 'plain'}
        />
        <Tile
          id="within-15s"
          label={t('tv.within15')}
          value={share === null ? '—' : `${percent(share)}%`}
          note={t(`wallboard.share.${verdict}`, { target: Math.round(TARGET_15S * 100) })}
          tone={verdict === 'met' ? 'good' : verdict === 'missed' ? 'bad' : 'plain'}
        />
        <Tile
          id="abandoned-rate"
          label={t('tv.abandonedRate')}
          value={f.abandonedRate === null ? '—' : `${Math.round(f.abandonedRate * 100)}%`}
          note={offered ? t('tv.abandonedOf', { n: c.abandonedToday, total: offered }) : t('tv.noCalls')}
          tone={f.abandonedRate !== null && f.abandonedRate >= 0.05 ? 'warning' : 'plain'}
        />
        <Tile id="answered" label={t('tv.answered')} value={c.answeredToday} />
        <Tile
          id="no-unit"
          label={t('tv.noUnit')}
          value={f.unassignedIncidents.length}
          note={escalated > 0 ? `⚠ ${t('tv.escalated', { n: escalated })}` : undefined}
          tone={escalated > 0 ? 'bad' : f.unassignedIncidents.length > 0 ? 'warning' : 'good'}
        />
        <Tile
          id="camera-alerts"
          label={t('tv.alerts')}
          value={f.openCameraAlerts}
          tone={f.openCameraAlerts > 0 ? 'warning' : 'plain'}
        />
      </section>

      <section className="tv-panel tv-people" aria-labelledby="tv-people">
        <h2 id="tv-people">{t('tv.people')}</h2>
        {people.length === 0 ? <p className="tv-muted">{t('tv.noPeople')}</p> : null}
        <ul className="tv-people-list">
          {people.slice(0, PEOPLE_SHOWN).map((p) => {
            const flagged = personFlagged(p, serverNow);
            const icon =
              p.state === 'console-open' || p.state === 'signed-in'
                ? DESK_ICON[p.state]
                : AGENT_ICON[p.state];
            const stateLabel =
              p.state === 'console-open' || p.state === 'signed-in'
                ? t(`tv.state.${p.state}`)
                : t(`agent.${p.state}`);
            return (
              <li
                key={p.userId}
                className={`tv-person tv-person-${p.state}${flagged ? ' tv-flagged' : ''}`}
                data-user={p.userId}
                data-state={p.state}
              >
                <span className="tv-person-name">{p.displayName}</span>
                <span className="tv-person-role">{t(`tv.role.${p.role}`)}</span>
                <span className="tv-person-state">
                  <span aria-hidden="true">{flagged ? '‼' : icon}</span> {stateLabel}
                </span>
                <span className="tv-person-time mono">{clockDuration(secondsInState(p, serverNow))}</span>
              </li>
            );
          })}
        </ul>
        {people.length > PEOPLE_SHOWN ? (
          <p className="tv-muted">{t('tv.more', { n: people.length - PEOPLE_SHOWN })}</p>
        ) : null}
      </section>

      <section className="tv-panel tv-hours" aria-labelledby="tv-hours">
        <h2 id="tv-hours">{t('tv.perHour')}</h2>
        <div
          className="tv-chart"
          role="img"
          aria-label={f.callsPerHour.map((h) => `${h.hour}h ${h.calls}`).join(', ')}
        >
          {Array.from({ length: 24 }, (_, hour) => {
            const h = f.callsPerHour[hour];
            const current = hour === f.callsPerHour.length - 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the hour of the day is the column's identity
              <div key={hour} className={current ? 'tv-bar-col tv-now' : 'tv-bar-col'} data-hour={hour}>
                <span className="tv-bar-count">{h && h.calls > 0 ? h.calls : ''}</span>
                <span className="tv-bar" style={{ height: `${h ? (h.calls / maxHour) * 100 : 0}%` }} />
                <span className="tv-bar-hour">{hour % 3 === 0 || current ? hour : ''}</span>
              </div>
            );
          })}
        </div>
        <h2>{t('tv.waitingList')}</h2>
        {f.waitingCalls.length === 0 ? (
          <p className="tv-muted tv-good-text">✓ {t('tv.noneWaiting')}</p>
        ) : (
          <ol className="tv-waiting">
            {f.waitingCalls.slice(0, WAITING_SHOWN).map((w, i) => {
              const wait = w.waitSeconds + sinceRead;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: waiting calls carry no id on a wall screen; the order is the queue's
                <li key={i} className={wait >= 20 ? 'tv-bad-text' : undefined} data-service={w.service}>
                  <span className="tv-service-number">{w.service}</span>
                  <span className="mono">{clockDuration(wait)}</span>
                  <span className="tv-muted">{w.state === 'queued' ? '⏳' : '☎'}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="tv-panel tv-units" aria-labelledby="tv-units">
        <h2 id="tv-units">
          {t('tv.unitsFree')} <span className="tv-count">{freeTotal}</span>
        </h2>
        <ul className="tv-agencies">
          {f.unitsByAgency.map((a) => (
            <li
              key={a.agency}
              data-agency={a.agency}
              className={a.available === 0 ? 'tv-bad-text' : undefined}
            >
              <span>{t(`tv.agency.${a.agency}`)}</span>
              <span className="tv-agency-count mono">
                {a.available}
                <span className="tv-muted">/{a.total}</span>
              </span>
            </li>
          ))}
        </ul>
        <h3>{t('tv.byWard')}</h3>
        <ul className="tv-wards">
          {f.availableByWard.slice(0, WARDS_SHOWN).map((w) => (
            <li key={w.ward ?? '-'}>
              <span>{w.ward ?? t('tv.outsideWards')}</span>
              <span className="mono">{w.available}</span>
            </li>
          ))}
        </ul>
        <h3>{t('tv.noUnit')}</h3>
        {f.unassignedIncidents.length === 0 ? (
          <p className="tv-muted tv-good-text">✓ {t('tv.noUnitList')}</p>
        ) : (
          <ul className="tv-no-unit">
            {f.unassignedIncidents.slice(0, NO_UNIT_SHOWN).map((i) => (
              <li key={i.id} className={i.escalated ? 'tv-bad-text' : undefined} data-incident-id={i.id}>
                <PriorityBadge priority={i.priority} />
                <span className="tv-incident-label">{incidentLabel(i, lang)}</span>
                <span className="mono">
                  {i.escalated ? '⚠ ' : ''}
                  {clockDuration((serverNow - Date.parse(i.createdAt)) / 1000)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
