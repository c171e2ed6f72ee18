// The right-hand column for the selected incident: details and recommended units, the cameras that can see it,
// closing it with its outcome, and its timeline with its calls' recordings and its callers' earlier calls.
import type { Incident, SurfacedCamera, Unit, UnitRoute } from '@hcm112/shared';
import { useCallback } from 'react';
import { CameraPanel } from '../cameras/CameraPanel.tsx';
import { CallerPhoneLocation } from '../caller-link/CallerPhoneLocation.tsx';
import { CloseIncident } from './CloseIncident.tsx';
import { EditIncident } from './EditIncident.tsx';
import { IncidentDetail } from './IncidentDetail.tsx';
import { CallerHistory } from '../recordings/CallerHistory.tsx';
import { IncidentRecordings } from '../recordings/RecordingPlayer.tsx';
import { Timeline } from './Timeline.tsx';
import type { AssignmentState } from './useAssignment.ts';

export function SelectedIncident({
  incident,
  units,
  assignment,
  routes,
  surfaced,
  mayDispatch,
  putIncident,
  putIncidentCameras,
  onClose,
}: {
  incident: Incident;
  units: Readonly<Record<string, Unit>>;
  assignment: AssignmentState;
  routes: readonly UnitRoute[];
  surfaced: readonly SurfacedCamera[] | null;
  mayDispatch: boolean;
  putIncident: (incident: Incident) => void;
  putIncidentCameras: (incidentId: string, list: SurfacedCamera[]) => void;
  onClose: () => void;
}) {
  const incidentId = incident.id;
  const onList = useCallback(
    (list: SurfacedCamera[]) => putIncidentCameras(incidentId, list),
    [incidentId, putIncidentCameras],
  );
  return (
    <>
      <IncidentDetail
        incident={incident}
        units={units}
        assignment={assignment}
        routes={routes}
        mayDispatch={mayDispatch}
        onClose={onClose}
      />
      {mayDispatch && incident.status !== 'closed' ? (
        <div className="panel">
          <EditIncident key={incident.id} incident={incident} onUpdated={putIncident} />
        </div>
      ) : null}
      <CallerPhoneLocation callIds={incident.callIds} />
      <CameraPanel incidentId={incident.id} cameras={surfaced} mayChange={mayDispatch} onList={onList} />
      <div className="panel timeline-panel">
        {mayDispatch && <CloseIncident incident={incident} units={units} onUpdated={putIncident} />}
        <Timeline incident={incident} mayWrite={mayDispatch} onUpdated={putIncident} />
        <IncidentRecordings callIds={incident.callIds} />
        <CallerHistory callerNumbers={incident.callerNumbers} callIds={incident.callIds} />
      </div>
    </>
  );
}
