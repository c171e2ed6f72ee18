// Supervisor wallboard, readable from across the room: today's call figures against their targets, call-takers
// by state, open incidents by priority and units by status, all live (events, plus a periodic refresh of the
// call figures).
import { countTexts } from '../text112/count.ts';
import { useTextSessions } from '../text112/useTextSessions.ts';
import './wallboard.css';
import { Incident, Unit } from '@hcm112/shared';
import { useMemo } from 'react';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { AGENT_ICON, UNIT_STATUS_ICON } from '../components/badges.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useNow } from '../components/useNow.ts';
import { useT } from '../i18n/i18n.tsx';
import {
  applyIncidentEvent,
  emptyIncidents,
  loadIncidents,
  openIncidentsByPriority,
} from '../realtime/reducers/incidents.ts';
import { applyUnitEvent, emptyUnits, loadUnits } from '../realtime/reducers/units.ts';
import { useLiveState } from '../realtime/useLiveState.ts';
import { useUser } from '../session/SessionProvider.tsx';
import { CallFigures } from './CallFigures.tsx';
import { CallTakerBoard } from './CallTakerBoard.tsx';
import { EscalatedIncidents } from './EscalatedIncidents.tsx';
import { FailedCallEvents } from './FailedCallEvents.tsx';
import { WardLoads } from './WardLoads.tsx';
import { Figure } from './Figure.tsx';
import {
  AGENT_STATES_SHOWN,
  incidentsByBand,
  PRIORITY_BANDS,
  UNIT_STATUSES,
  unitsByStatus,
} from './figures.ts';
import { useCallStats } from './useCallStats.ts';
import { WrapUpControl } from './WrapUpControl.tsx';
import { WallDisplays } from './tv/WallDisplays.tsx';

const IncidentsBody = z.object({ incidents: z.array(Incident) });
const UnitsBody = z.object({ units: z.array(Unit) });
const BAND_ICON = { critical: '▲▲', high: '▲', routine: '▽' } as const;

export function WallboardScreen() {
  const t = useT();
  const now = useNow();
  const user = useUser();
  const calls = useCallStats();
  const incidents = useLiveState({
    streams: ['incidents'],
    initial: emptyIncidents,
    load: async () => {
      const { incidents: open } = await get('/incidents?status=open', IncidentsBody);
      return () => loadIncidents(open);
    },
    apply: applyIncidentEvent,
  });
  const units = useLiveState({
    streams: ['units'],
    initial: emptyUnits,
    load: async () => {
      const { units: all } = await get('/units', UnitsBody);
      return () => loadUnits(all);
    },
    apply: applyUnitEvent,
  });
  const stats = calls.stats;
  const longestWait = stats ? stats.longestWaitSeconds + Math.max(0, now - calls.fetchedAt) / 1000 : 0;
  const openIncidents = useMemo(() => openIncidentsByPriority(incidents.state), [incidents.state]);
  const bands = incidentsByBand(Object.values(incidents.state));
  const unitCounts = unitsByStatus(Object.values(units.state));
  const texts = useTextSessions(false);
  const textCounts = countTexts(texts.state);
  const error = calls.error ?? incidents.error ?? units.error;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the board scrolls when taller than the screen; a keyboard must reach it to scroll (WCAG 2.1.1)
    <section className="screen wallboard" aria-labelledby="wb-heading" tabIndex={0}>
      <div className="row wb-title">
        <h1 id="wb-heading">{t('wallboard.heading')}</h1>
        <a className="button" href="#/tv">
          📺 {t('tv.open')}
        </a>
      </div>
      {error ? <ErrorNotice error={error} onRetry={calls.reload} /> : null}
      {stats?.mediaRelay === 'down' ? (
        <div className="alert-box" role="alert" id="wb-media-relay">
          {t('wallboard.mediaRelayDown')}
        </div>
      ) : null}
      {stats && stats.recordingStore !== 'ok' ? (
        <div className="alert-box" role="alert" id="wb-recording-store">
          {t(`wallboard.recordingStore.${stats.recordingStore}`)}
        </div>
      ) : null}
      <h2>{t('wallboard.callsToday')}</h2>
      {stats ? (
        <CallFigures stats={stats} longestWait={longestWait} />
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
      <section aria-labelledby="wb-texts">
        <h2 id="wb-texts">{t('text.heading')}</h2>
        <div className="wb-row wb-small">
          <Figure
            id="texts-waiting"
            label={t('text.wallboardWaiting')}
            icon="✉"
            value={textCounts.queued}
            tone={textCounts.queued > 0 ? 'warning' : 'plain'}
          />
          <Figure id="texts-active" label={t('text.wallboardActive')} icon="✉" value={textCounts.active} />
        </div>
      </section>
      {stats ? <FailedCallEvents count={stats.failedCallEvents} onHandled={calls.reload} /> : null}
      <EscalatedIncidents incidents={openIncidents} />
      <div className="wb-columns">
        <section aria-labelledby="wb-takers">
          <h2 id="wb-takers">{t('wallboard.callTakers')}</h2>
          <div className="wb-row wb-small">
            {AGENT_STATES_SHOWN.map((state) => (
              <Figure
                key={state}
                id={`agent-${state}`}
                label={t(`agent.${state}`)}
                icon={AGENT_ICON[state]}
                value={stats?.callTakers[state] ?? '—'}
                tone={state === 'ready' && stats?.callTakers.ready === 0 ? 'bad' : 'plain'}
              />
            ))}
          </div>
        </section>
        <section aria-labelledby="wb-incidents">
          <h2 id="wb-incidents">{t('wallboard.openIncidents')}</h2>
          <div className="wb-row wb-small">
            {PRIORITY_BANDS.map((band) => (
              <Figure
                key={band}
                id={`incidents-${band}`}
                label={t(`wallboard.band.${band}`)}
                icon={BAND_ICON[band]}
                value={bands[band]}
                tone={band === 'critical' && bands.critical > 0 ? 'bad' : 'plain'}
              />
            ))}
          </div>
        </section>
      </div>
      <div className="wb-columns">
        <CallTakerBoard />
        <WrapUpControl canSet={user.role === 'supervisor'} />
      </div>
      <WardLoads />
      <WallDisplays />
      <h2>{t('wallboard.units')}</h2>
      <div className="wb-row wb-small">
        {UNIT_STATUSES.map((status) => (
          <Figure
            key={status}
            id={`units-${status}`}
            label={t(`status.${status}`)}
            icon={UNIT_STATUS_ICON[status]}
            value={unitCounts[status]}
          />
        ))}
      </div>
    </section>
  );
}
