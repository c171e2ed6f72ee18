// The system of record: users, sessions, city geography, stations, units, calls, incidents, cameras, audit.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('call-taker','dispatcher','supervisor','admin')),
      password_hash text NOT NULL,
      sip_extension text UNIQUE,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE districts (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('district','ward')),
      parent_name text,
      population integer,
      area_km2 double precision,
      geom geometry(MultiPolygon, 4326) NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX districts_geom_idx ON districts USING gist (geom)`.execute(db);

  await sql`
    CREATE TABLE roads (
      id serial PRIMARY KEY,
      name text NOT NULL,
      road_class text NOT NULL CHECK (road_class IN ('highway','arterial','collector','local')),
      geom geometry(LineString, 4326) NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX roads_geom_idx ON roads USING gist (geom)`.execute(db);

  await sql`
    CREATE TABLE gazetteer (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('street','district','ward','landmark','hospital','address')),
      name text NOT NULL,
      search_text text NOT NULL,
      district text,
      ward text,
      point geography(Point, 4326) NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX gazetteer_point_idx ON gazetteer USING gist (point)`.execute(db);
  await sql`CREATE INDEX gazetteer_search_idx ON gazetteer (search_text text_pattern_ops)`.execute(db);

  await sql`
    CREATE TABLE stations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      agency text NOT NULL CHECK (agency IN ('police','fire','ambulance')),
      district text,
      address text NOT NULL DEFAULT '',
      point geography(Point, 4326) NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX stations_point_idx ON stations USING gist (point)`.execute(db);

  await sql`
    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      callsign text NOT NULL UNIQUE,
      agency text NOT NULL CHECK (agency IN ('police','fire','ambulance')),
      kind text NOT NULL,
      capabilities text[] NOT NULL DEFAULT '{}',
      station_id uuid REFERENCES stations(id),
      status text NOT NULL DEFAULT 'available' CHECK (status IN
        ('available','dispatched','en-route','on-scene','transporting','at-hospital','out-of-service')),
      position geography(Point, 4326),
      heading double precision,
      speed_kmh double precision,
      position_at timestamptz,
      incident_id uuid,
      avl_token_hash text,
      version integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX units_position_idx ON units USING gist (position)`.execute(db);
  await sql`CREATE INDEX units_status_idx ON units (status, agency)`.execute(db);

  await sql`
    CREATE TABLE unit_positions (
      id bigserial PRIMARY KEY,
      unit_id uuid NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      point geography(Point, 4326) NOT NULL,
      heading double precision,
      speed_kmh double precision
    )`.execute(db);
  await sql`CREATE INDEX unit_positions_unit_at_idx ON unit_positions (unit_id, at DESC)`.execute(db);

  await sql`
    CREATE TABLE calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sip_call_id text NOT NULL UNIQUE,
      caller_number text NOT NULL,
      dialed_number text NOT NULL,
      service text NOT NULL CHECK (service IN ('112','113','114','115')),
      state text NOT NULL CHECK (state IN ('queued','ringing-agent','answered','abandoned','ended','fallback')),
      arrived_at timestamptz NOT NULL,
      offered_at timestamptz,
      answered_at timestamptz,
      ended_at timestamptz,
      ended_by text CHECK (ended_by IN ('caller','call-taker','system')),
      agent_user_id uuid REFERENCES users(id),
      location geography(Point, 4326),
      location_accuracy_m double precision,
      location_source text,
      location_raw text,
      incident_id uuid,
      callback_at timestamptz,
      callback_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX calls_state_idx ON calls (state, arrived_at)`.execute(db);
  await sql`CREATE INDEX calls_caller_idx ON calls (caller_number, arrived_at DESC)`.execute(db);
  await sql`CREATE INDEX calls_arrived_idx ON calls (arrived_at)`.execute(db);

  await sql`
    CREATE TABLE incident_counters (
      year integer PRIMARY KEY,
      last_value integer NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      type text NOT NULL,
      subtype text NOT NULL,
      priority integer NOT NULL CHECK (priority BETWEEN 0 AND 10),
      status text NOT NULL CHECK (status IN ('new','dispatched','on-scene','closed')),
      disposition text,
      point geography(Point, 4326) NOT NULL,
      address text NOT NULL DEFAULT '',
      district text,
      ward text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 0,
      CHECK ((status = 'closed') = (disposition IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX incidents_point_idx ON incidents USING gist (point)`.execute(db);
  await sql`CREATE INDEX incidents_open_idx ON incidents (status, created_at) WHERE status <> 'closed'`.execute(
    db,
  );
  await sql`ALTER TABLE calls ADD CONSTRAINT calls_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents(id)`.execute(
    db,
  );
  await sql`ALTER TABLE units ADD CONSTRAINT units_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents(id)`.execute(
    db,
  );

  await sql`
    CREATE TABLE incident_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      incident_id uuid NOT NULL REFERENCES incidents(id),
      at timestamptz NOT NULL DEFAULT now(),
      author_id uuid REFERENCES users(id),
      author_name text NOT NULL,
      kind text NOT NULL,
      text text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX incident_notes_incident_idx ON incident_notes (incident_id, at)`.execute(db);

  // One open assignment per unit, enforced by the database: two dispatchers can never both hold a unit.
  await sql`
    CREATE TABLE assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      incident_id uuid NOT NULL REFERENCES incidents(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      assigned_by uuid REFERENCES users(id),
      released_at timestamptz,
      release_reason text,
      eta_seconds double precision,
      distance_m double precision
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX assignments_one_open_per_unit ON assignments (unit_id) WHERE released_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX assignments_incident_idx ON assignments (incident_id)`.execute(db);

  await sql`
    CREATE TABLE cameras (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      point geography(Point, 4326) NOT NULL,
      bearing_deg double precision NOT NULL CHECK (bearing_deg >= 0 AND bearing_deg < 360),
      fov_deg double precision NOT NULL CHECK (fov_deg > 0 AND fov_deg <= 360),
      range_m double precision NOT NULL CHECK (range_m > 0),
      layer text NOT NULL CHECK (layer IN ('high','mid','low')),
      owner text NOT NULL,
      ptz boolean NOT NULL DEFAULT false,
      stream_url text,
      stream_kind text CHECK (stream_kind IN ('rtsp','hls','mjpeg','snapshot')),
      district text,
      online boolean NOT NULL DEFAULT true,
      last_checked_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX cameras_point_idx ON cameras USING gist (point)`.execute(db);

  await sql`
    CREATE TABLE incident_cameras (
      incident_id uuid NOT NULL REFERENCES incidents(id),
      camera_id uuid NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
      distance_m double precision NOT NULL,
      in_cone boolean NOT NULL,
      score double precision NOT NULL,
      pinned boolean NOT NULL DEFAULT false,
      hidden boolean NOT NULL DEFAULT false,
      computed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (incident_id, camera_id)
    )`.execute(db);

  await sql`
    CREATE TABLE alert_sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true
    )`.execute(db);

  await sql`
    CREATE TABLE camera_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      camera_id uuid NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
      source_id uuid REFERENCES alert_sources(id),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','promoted','dismissed')),
      confidence double precision,
      first_at timestamptz NOT NULL,
      last_at timestamptz NOT NULL,
      count integer NOT NULL DEFAULT 1,
      incident_id uuid REFERENCES incidents(id),
      resolved_by uuid REFERENCES users(id)
    )`.execute(db);
  await sql`CREATE INDEX camera_alerts_open_idx ON camera_alerts (camera_id, kind, last_at) WHERE status = 'open'`.execute(
    db,
  );

  // Append-only: the trigger refuses UPDATE/DELETE for everyone, the grants below refuse them to the app role.
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id uuid,
      actor_name text NOT NULL,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text,
      before jsonb,
      after jsonb,
      request_id text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration is not reversible: restore from backup instead');
}
