// Table shapes as Kysely sees them. Geography columns are read through PostGIS functions, never raw.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A PostGIS value: written with ST_* expressions, read with ST_X/ST_Y/ST_AsGeoJSON. */
type Geo = ColumnType<unknown, unknown, unknown>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  sip_extension: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface FailedCallEventsTable {
  id: Generated<number>;
  sip_call_id: string;
  event_type: string;
  event: unknown;
  error: string;
  attempts: number;
  failed_at: GeneratedTimestamp;
  handled_at: Date | null;
  handled_by: string | null;
  note: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
}

export interface WallboardDisplaysTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  last_seen_at: Timestamp | null;
  last_ip: string | null;
}

export interface DistrictsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'district' | 'ward';
  parent_name: string | null;
  population: number | null;
  area_km2: number | null;
  before_merger: string | null;
  label_point: Geo;
  geom: Geo;
}

export interface RoadsTable {
  id: Generated<number>;
  name: string;
  road_class: 'highway' | 'arterial' | 'collector' | 'local';
  osm_id: number | null;
  osm_class: string | null;
  oneway: Generated<boolean>;
  search_text: string | null;
  geom: Geo;
}

export interface HospitalsTable {
  id: Generated<string>;
  code: string;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  point: Geo;
  /** Set by the database from the ward polygons. */
  ward: Generated<string | null>;
  capabilities: Generated<string[]>;
  diverting: Generated<boolean>;
  verified: Generated<boolean>;
  source: Generated<string>;
  version: ColumnType<number, number | undefined, unknown>;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface GazetteerTable {
  id: Generated<number>;
  kind: string;
  name: string;
  search_text: string;
  district: string | null;
  ward: string | null;
  point: Geo;
}

export interface StationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  agency: string;
  district: string | null;
  address: Generated<string>;
  point: Geo;
  /** The 2025 ward, set by the database from the ward polygons (NULL outside them). */
  ward: Generated<string | null>;
}

export interface UnitsTable {
  id: Generated<string>;
  callsign: string;
  agency: string;
  kind: string;
  capabilities: ColumnType<string[], string[] | undefined, string[]>;
  station_id: string | null;
  status: Generated<string>;
  position: Geo | null;
  heading: number | null;
  speed_kmh: number | null;
  position_at: Timestamp | null;
  incident_id: string | null;
  avl_token_hash: string | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
  /** The 2025 ward, set by the database from the ward polygons (NULL outside them). */
  ward: Generated<string | null>;
}

export interface UnitPositionsTable {
  id: Generated<string>;
  unit_id: string;
  at: Timestamp;
  point: Geo;
  heading: number | null;
  speed_kmh: number | null;
}

export interface CallsTable {
  id: Generated<string>;
  sip_call_id: string;
  caller_number: string;
  caller_identity: Generated<string>;
  caller_privacy: Generated<boolean>;
  dialed_number: string;
  service: string;
  /** voice or text (a text-to-112 session's row). */
  channel: Generated<string>;
  state: string;
  arrived_at: Timestamp;
  offered_at: Timestamp | null;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  ended_by: string | null;
  agent_user_id: string | null;
  location: Geo | null;
  location_accuracy_m: number | null;
  location_source: string | null;
  location_raw: string | null;
  /** The location's shape, method and time (LocationDetail). */
  location_detail: unknown | null;
  location_choice: string | null;
  location_uri: Generated<string | null>;
  incident_id: string | null;
  callback_at: Timestamp | null;
  callback_by: string | null;
  overflow_to: string | null;
  overflow_reason: string | null;
  refused_reason: string | null;
  refused_source: string | null;
  refused_count: Generated<number>;
  updated_at: GeneratedTimestamp;
  /** The 2025 ward, set by the database from the ward polygons (NULL outside them). */
  ward: Generated<string | null>;
}

/** Every location a call had, in the order received; rows are only ever added. */
export interface CallLocationsTable {
  id: Generated<number>;
  call_id: string;
  source: string;
  location: Geo | null;
  accuracy_m: number | null;
  detail: unknown | null;
  problem: string | null;
  raw: string | null;
  received_at: GeneratedTimestamp;
}

export interface AmlMessagesTable {
  id: Generated<number>;
  sender: string;
  received_at: GeneratedTimestamp;
  device_number: string | null;
  outcome: string;
  problem: string | null;
  call_id: string | null;
  device: unknown;
  content_type: string;
  raw: string;
}

export interface CallerLinksTable {
  id: Generated<string>;
  call_id: string;
  token_hash: string;
  /** Hash of the key the phone that first opened the link holds (a cookie); null until opened. */
  device_key_hash: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  opened_at: Timestamp | null;
  sms_to: string | null;
  sms_status: string;
  video_consent_at: Timestamp | null;
  video_published_at: Timestamp | null;
  last_position_at: Timestamp | null;
}

export interface IncidentCountersTable {
  year: number;
  last_value: number;
}

export interface IncidentsTable {
  id: Generated<string>;
  number: string;
  type: string;
  subtype: string;
  priority: number;
  status: string;
  disposition: string | null;
  point: Geo;
  address: Generated<string>;
  district: string | null;
  ward: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  closed_at: Timestamp | null;
  created_by: string | null;
  version: Generated<number>;
  caller_name: string | null;
  callback_number: string | null;
}

export interface IncidentNotesTable {
  id: Generated<string>;
  incident_id: string;
  at: GeneratedTimestamp;
  author_id: string | null;
  author_name: string;
  kind: string;
  text: string;
  /** A NoteCode of shared/, null on a person's note and on rows written before codes (migration 0025). */
  code: string | null;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
}

export interface AssignmentsTable {
  id: Generated<string>;
  incident_id: string;
  unit_id: string;
  assigned_at: GeneratedTimestamp;
  assigned_by: string | null;
  released_at: Timestamp | null;
  release_reason: string | null;
  eta_seconds: number | null;
  distance_m: number | null;
  acknowledged_at: Timestamp | null;
}

export interface CamerasTable {
  id: Generated<string>;
  code: string;
  name: string;
  point: Geo;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  layer: string;
  owner: string;
  ptz: Generated<boolean>;
  stream_url: string | null;
  stream_kind: string | null;
  district: string | null;
  online: Generated<boolean>;
  last_checked_at: Timestamp | null;
  updated_at: GeneratedTimestamp;
  /** The 2025 ward, set by the database from the ward polygons (NULL outside them). */
  ward: Generated<string | null>;
}

export interface IncidentCamerasTable {
  incident_id: string;
  camera_id: string;
  distance_m: number;
  in_cone: boolean;
  score: number;
  pinned: Generated<boolean>;
  hidden: Generated<boolean>;
  computed_at: GeneratedTimestamp;
}

/** The point an incident's camera list was last computed for (migration 0004). */
export interface IncidentCameraRunsTable {
  incident_id: string;
  point: Geo;
  computed_at: Timestamp;
}

export interface AlertSourcesTable {
  id: Generated<string>;
  name: string;
  secret: string;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface CameraAlertsTable {
  id: Generated<string>;
  camera_id: string;
  source_id: string | null;
  kind: string;
  status: Generated<string>;
  confidence: number | null;
  first_at: Timestamp;
  last_at: Timestamp;
  count: Generated<number>;
  incident_id: string | null;
  resolved_by: string | null;
}

export interface CameraAlertSnapshotsTable {
  alert_id: string;
  taken_at: Timestamp;
  content_type: string;
  image: Buffer;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: GeneratedTimestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface SipDeskPhonePasswordsTable {
  extension: string;
  ha1: string;
  realm: string;
  set_at: GeneratedTimestamp;
  set_by: string | null;
}

export interface UnitDevicesTable {
  id: Generated<string>;
  unit_id: string;
  credential_hash: string;
  label: string;
  paired_at: Timestamp;
  paired_by: string | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  last_seen_at: Timestamp | null;
}

export interface DevicePairingCodesTable {
  code_hash: string;
  unit_id: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  device_id: string | null;
}

export interface DeviceReportsTable {
  device_id: string;
  key: string;
  kind: 'position' | 'status' | 'note' | 'ack';
  reported_at: Timestamp;
  received_at: Timestamp;
}

export interface CallRecordingsTable {
  id: Generated<string>;
  call_id: string;
  status: string;
  reason: string | null;
  started_at: Timestamp | null;
  duration_ms: number | null;
  /** bigint: pg returns it as a string. */
  size_bytes: ColumnType<string | null, number | null | undefined, number | null>;
  sha256: string | null;
  path: string | null;
  created_at: GeneratedTimestamp;
  deleted_at: Timestamp | null;
  held: Generated<boolean>;
  /** A console's call out (call_legs) this recording is of; null: the call's own recording. */
  leg_id: string | null;
  /** audio (the call's or a leg's) or video (the caller's camera through a location link). */
  kind: Generated<string>;
  /** The location link whose video this is; null for audio. */
  link_id: string | null;
}

export interface CallLegsTable {
  id: Generated<string>;
  call_id: string;
  kind: string;
  destination_key: string;
  destination_label: string;
  target_uri: string;
  sip_call_id: string | null;
  state: string;
  failure_reason: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  answered_at: Timestamp | null;
  joined_at: Timestamp | null;
  ended_at: Timestamp | null;
  updated_at: GeneratedTimestamp;
}

/** A text-to-112 conversation (SIP MESSAGE sender or web chat). */
export interface TextSessionsTable {
  id: Generated<string>;
  channel: string;
  citizen: Generated<string>;
  dialed: string;
  state: string;
  language: Generated<string>;
  /** sha256 of the web chat's session token; null for SIP. */
  token_hash: string | null;
  source: Generated<string>;
  started_at: GeneratedTimestamp;
  taken_at: Timestamp | null;
  closed_at: Timestamp | null;
  call_taker_id: string | null;
  incident_id: string | null;
  overflow_to: string | null;
  last_message_at: GeneratedTimestamp;
  /** The session's row in calls (channel text). */
  call_id: string | null;
  /** A SIP session's overflow destination should it wait too long (named at its arrival); null for none. */
  planned_overflow_to: Generated<string | null>;
}

export interface TextMessagesTable {
  id: Generated<string>;
  session_id: string;
  sender: string;
  sender_id: string | null;
  sender_name: string | null;
  text: string;
  at: GeneratedTimestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  failed_call_events: FailedCallEventsTable;
  districts: DistrictsTable;
  hospitals: HospitalsTable;
  roads: RoadsTable;
  gazetteer: GazetteerTable;
  stations: StationsTable;
  units: UnitsTable;
  unit_positions: UnitPositionsTable;
  calls: CallsTable;
  call_recordings: CallRecordingsTable;
  call_legs: CallLegsTable;
  call_locations: CallLocationsTable;
  aml_messages: AmlMessagesTable;
  caller_links: CallerLinksTable;
  incident_counters: IncidentCountersTable;
  incidents: IncidentsTable;
  incident_notes: IncidentNotesTable;
  assignments: AssignmentsTable;
  cameras: CamerasTable;
  incident_cameras: IncidentCamerasTable;
  incident_camera_runs: IncidentCameraRunsTable;
  alert_sources: AlertSourcesTable;
  camera_alerts: CameraAlertsTable;
  camera_alert_snapshots: CameraAlertSnapshotsTable;
  audit_log: AuditLogTable;
  sip_desk_phone_passwords: SipDeskPhonePasswordsTable;
  unit_devices: UnitDevicesTable;
  device_pairing_codes: DevicePairingCodesTable;
  device_reports: DeviceReportsTable;
  text_sessions: TextSessionsTable;
  text_messages: TextMessagesTable;
  wallboard_displays: WallboardDisplaysTable;
}
