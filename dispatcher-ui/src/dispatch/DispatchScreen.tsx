// Dispatch console: incidents by priority and age beside a full-height live map, the selected incident with its
// recommended units and cameras, camera alerts, and the unit status board.
import { useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { DispatchMap } from '../map/DispatchMap.tsx';
import { openAlerts } from '../realtime/reducers/alerts.ts';
import { openIncidentsByPriority } from '../realtime/reducers/incidents.ts';
import { CameraAlertsPanel } from './CameraAlertsPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { IncidentList } from './IncidentList.tsx';
import { assignmentKeys } from './keyNumbers.ts';
import { SelectedIncident } from './SelectedIncident.tsx';
import { UnitBoard } from './UnitBoard.tsx';
import { useAssignment } from './useAssignment.ts';
import { useDispatchData } from './useDispatchData.ts';
import { useDispatchKeys } from './useDispatchKeys.ts';
import { useEscalation } from './useEscalation.ts';
import { useUnitRoutes } from './useUnitRoutes.ts';

export function DispatchScreen({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const data = useDispatchData();
  const mayDispatch = !readOnly;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [highlightedAlert, setHighlightedAlert] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [mapLarge, setMapLarge] = useState(false);
  const incidents = useMemo(() => openIncidentsByPriority(data.incidents.state), [data.incidents.state]);
  const alerts = useMemo(() => openAlerts(data.alerts.state), [data.alerts.state]);
  const selected = incidents.find((i) => i.id === selectedId) ?? null;
  const surfaced = selected ? (data.cameras.state.byIncident[selected.id]?.cameras ?? null) : null;
  const assignment = useAssignment(selected, data.units.state, data.putIncident);
  const escalation = useEscalation(incidents);
  const routes = useUnitRoutes(selected, data.units.state);
  const rightColumn = useRef<HTMLDivElement>(null);
  // A newly selected incident is read from its heading down, and its row is kept in sight in the list.
  useEffect(() => {
    if (!selectedId) return;
    rightColumn.current?.scrollTo({ top: 0 });
    document
      .querySelector(`.incident-row[data-incident-id="${selectedId}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  useEffect(() => {
    if (highlightedAlert) {
      document
        .querySelector(`.alert-row[data-alert-id="${highlightedAlert}"]`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }, [highlightedAlert]);

  useDispatchKeys({
    move: (delta) => {
      const at = incidents.findIndex((i) => i.id === selectedId);
      const next = incidents[at < 0 ? 0 : Math.min(incidents.length - 1, Math.max(0, at + delta))];
      if (next) setSelectedId(next.id);
    },
    ...assignmentKeys(assignment, mayDispatch),
    close: () => setSelectedId(null),
  });

  const loadError = data.incidents.error ?? data.units.error;
  return (
    <div className={`dispatch${mapLarge ? ' map-large' : ''}`}>
      <h1 className="sr-only">{t(readOnly ? 'nav.dispatchRead' : 'nav.dispatch')}</h1>
      <div className="dispatch-left">
        {isApiError(loadError) && loadError.status === 403 ? (
          <p className="notice-box">{t('dispatch.forbidden')}</p>
        ) : loadError ? (
          <ErrorNotice error={loadError} onRetry={data.incidents.reload} />
        ) : null}
        <IncidentList
          incidents={incidents}
          selectedId={selectedId}
          onSelect={(id) => {
            setHistoryOpen(false);
            setSelectedId(id);
          }}
          escalation={escalation}
          onHistory={() => setHistoryOpen(true)}
        />
        <CameraAlertsPanel
          alerts={alerts}
          highlightedId={highlightedAlert}
          mayDispatch={mayDispatch}
          onAlertChanged={data.putAlert}
          onPromoted={(incident) => {
            data.putIncident(incident);
            setSelectedId(incident.id);
          }}
          onShowIncident={(id) => {
            setHistoryOpen(false);
            setSelectedId(id);
          }}
        />
      </div>
      <div className="dispatch-map">
        <DispatchMap
          incidents={incidents}
          units={data.units.state}
          stations={data.stations}
          cameras={data.cameras.state.registry}
          alerts={alerts}
          surfaced={surfaced ?? []}
          routes={routes}
          selectedIncidentId={selectedId}
          large={mapLarge}
          onToggleLarge={() => setMapLarge((v) => !v)}
          onSelectIncident={setSelectedId}
          onSelectAlert={setHighlightedAlert}
          onSelectUnit={(id) =>
            document.querySelector(`tr[data-unit-id="${id}"]`)?.scrollIntoView({ block: 'center' })
          }
        />
      </div>
      <div className="dispatch-board" hidden={mapLarge}>
        <UnitBoard
          units={data.units.state}
          incidents={data.incidents.state}
          routes={routes}
          mayDispatch={mayDispatch}
          onUnitChanged={data.putUnit}
        />
      </div>
      <div className="dispatch-right" ref={rightColumn}>
        {readOnly && <p className="notice-box">{t('dispatch.readOnly')}</p>}
        {historyOpen ? (
          <HistoryPanel
            mayReopen={mayDispatch}
            onClose={() => setHistoryOpen(false)}
            onReopened={(incident) => {
              data.putIncident(incident);
              setHistoryOpen(false);
              setSelectedId(incident.id);
            }}
          />
        ) : selected ? (
          <SelectedIncident
            incident={selected}
            units={data.units.state}
            assignment={assignment}
            routes={routes}
            surfaced={surfaced}
            mayDispatch={mayDispatch}
            putIncident={data.putIncident}
            putIncidentCameras={data.putIncidentCameras}
            onClose={() => setSelectedId(null)}
          />
        ) : (
          <div className="panel select-hint">
            <p>{t('dispatch.selectHint')}</p>
            <p className="muted">{t(mayDispatch ? 'dispatch.keys' : 'dispatch.keysReadOnly')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
