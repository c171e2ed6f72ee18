// Builds a NENA EIDO (NENA-STA-021) JSON document of an incident, for handing it to the agencies' systems.
import {
  type Call,
  type CallLocationsOfIncident,
  INCIDENT_TYPES,
  type Incident,
  type LocationFix,
} from '@hcm112/shared';

const ISSUER = 'e112.psap.hochiminhcity.vn';

const STATUS_TEXT: Record<Incident['status'], string> = {
  new: 'Active.Created',
  dispatched: 'Active.Dispatched',
  'on-scene': 'Active.OnScene',
  closed: 'Closed',
};

/** EIDO emergency resource status registry values for our unit statuses. */
const RESOURCE_STATUS: Record<string, string> = {
  dispatched: 'Dispatched',
  'en-route': 'Enroute',
  'on-scene': 'OnScene',
  transporting: 'Transporting',
  'at-hospital': 'AtHospital',
  available: 'Available',
  'out-of-service': 'OutOfService',
};

const fixComponentId = (fix: LocationFix) => `urn:emergency:uid:locationid:call-fix-${fix.id}:${ISSUER}`;

/**
 * One location a call had, as an EIDO location component: the shape as the network sent it (else the point), its
 * uncertainty, source, method and times, whether it is the one in use and why; an unusable one with its problem.
 */
function fixComponent(callId: string, fix: LocationFix, history: CallLocationsOfIncident) {
  const l = fix.location;
  const inUse = history.choice?.fixId === fix.id;
  return {
    componentIdentifier: fixComponentId(fix),
    callReference: callId,
    locationSourceText: fix.source,
    locationMethodText: l?.method ?? null,
    locationTimeStamp: l?.at ?? null,
    locationReceivedTimeStamp: fix.receivedAt,
    locationUncertaintyRadiusMeters: l?.accuracyM ?? null,
    locationShapeText: l?.shape?.kind ?? (l ? 'point' : null),
    locationByValue: l
      ? {
          geoLocation: l.shape?.geometry ?? { type: 'Point', coordinates: [l.point.lon, l.point.lat] },
          representativePoint: { type: 'Point', coordinates: [l.point.lon, l.point.lat] },
        }
      : null,
    locationProblemText: fix.problem,
    locationInUse: inUse,
    locationInUseReasonText: inUse ? (history.choice?.reason ?? null) : null,
  };
}

export function eidoDocument(
  incident: Incident,
  calls: Call[],
  issuedAt: Date,
  locations: readonly CallLocationsOfIncident[],
) {
  const type = INCIDENT_TYPES[incident.type];
  const trackingId = `urn:emergency:uid:incidentid:${incident.id}:${ISSUER}`;
  const locationId = `urn:emergency:uid:locationid:${incident.id}:${ISSUER}`;
  const historyOf = (callId: string) => locations.find((h) => h.callId === callId);
  return {
    $schema: 'https://nena.org/eido/v1.0/schema',
    eidoVersion: '1.0',
    eidoMessageIdentifier: `urn:emergency:uid:eidomessageid:${incident.id}-${issuedAt.getTime()}:${ISSUER}`,
    issuingElementIdentification: ISSUER,
    lastUpdateTimeStamp: issuedAt.toISOString(),
    incidentComponent: {
      componentIdentifier: incident.id,
      incidentTrackingIdentifier: trackingId,
      localIncidentIdentifier: incident.number,
      lastUpdateTimeStamp: incident.updatedAt,
      incidentTypeCommonRegistryText: type.registryText,
      incidentTypeLocalRegistryText: `${incident.type}.${incident.subtype}`,
      incidentStatusCommonRegistryText: STATUS_TEXT[incident.status],
      incidentCommonPriorityNumber: incident.priority,
      incidentDispositionText: incident.disposition,
      incidentCreationTimeStamp: incident.createdAt,
      locationReference: locationId,
    },
    locationComponent: [
      {
        componentIdentifier: locationId,
        locationByValue: {
          geoLocation: {
            type: 'Point',
            coordinates: [incident.location.point.lon, incident.location.point.lat],
          },
          civicAddressText: incident.location.address,
          civicAddress: {
            country: 'VN',
            A1: 'Thành phố Hồ Chí Minh',
            A2: incident.location.district,
            A3: incident.location.ward,
          },
        },
      },
      // Every location the calls had (PIDF-LO, HELD, AML, typed, moved pin), oldest first per call.
      ...locations.flatMap((h) => h.fixes.map((f) => fixComponent(h.callId, f, h))),
    ],
    callComponent: calls.map((c) => ({
      componentIdentifier: c.id,
      callIdentifier: `urn:emergency:uid:callid:${c.sipCallId}:${ISSUER}`,
      callTypeDescription: c.service,
      callbackNumber: c.callerNumber,
      callStartTimeStamp: c.arrivedAt,
      callAnswerTimeStamp: c.answeredAt,
      callEndTimeStamp: c.endedAt,
      callLocation: c.location
        ? {
            geoLocation: { type: 'Point', coordinates: [c.location.point.lon, c.location.point.lat] },
            uncertaintyRadiusMeters: c.location.accuracyM,
            source: c.location.source,
          }
        : null,
      locationReference: (historyOf(c.id)?.fixes ?? []).map(fixComponentId),
    })),
    emergencyResourceComponent: incident.assignments.map((a) => ({
      componentIdentifier: a.unitId,
      resourceIdentifier: `urn:emergency:uid:unitid:${a.callsign}:${ISSUER}`,
      resourceTypeLocalText: a.kind,
      resourceStatusCommonRegistryText: RESOURCE_STATUS[a.status] ?? a.status,
      assignedTimeStamp: a.assignedAt,
      estimatedTimeOfArrival:
        a.etaSeconds === null ? null : new Date(Date.parse(a.assignedAt) + a.etaSeconds * 1000).toISOString(),
      etaSeconds: a.etaSeconds,
      distanceMeters: a.distanceM,
    })),
    notesComponent: incident.notes.map((n) => ({
      componentIdentifier: n.id,
      notesActionComments: n.text,
      notesEntryTimeStamp: n.at,
      authorText: n.authorName,
      noteTypeText: n.kind,
    })),
  };
}
