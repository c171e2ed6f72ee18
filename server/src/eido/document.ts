// Builds a NENA EIDO (NENA-STA-021) JSON document of an incident, for handing it to the agencies' systems.
import { type Call, INCIDENT_TYPES, type Incident } from '@hcm112/shared';

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

export function eidoDocument(incident: Incident, calls: Call[], issuedAt: Date) {
  const type = INCIDENT_TYPES[incident.type];
  const trackingId = `urn:emergency:uid:incidentid:${incident.id}:${ISSUER}`;
  const locationId = `urn:emergency:uid:locationid:${incident.id}:${ISSUER}`;
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
