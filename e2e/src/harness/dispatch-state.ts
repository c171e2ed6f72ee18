// Consistency of dispatch as stored: every breach of the invariants that tie units, open assignments,
// incidents and the audit log together, read straight from PostgreSQL after a fault.
import pg from 'pg';

export interface DispatchState {
  /** Units marked as committed to an incident with no open assignment to it. */
  unitsWithoutTheirAssignment: string[];
  /** Open assignments whose unit does not point back at the incident, or is available. */
  assignmentsWithoutTheirUnit: string[];
  /** Units with more than one open assignment (the database index forbids it; checked anyway). */
  unitsOnTwoIncidents: string[];
  /** Incidents still `new` although units are assigned to them. */
  newIncidentsWithUnits: string[];
  /** Open assignments with no audited assignment of their incident. */
  assignmentsWithoutAudit: string[];
}

const QUERIES: Record<keyof DispatchState, string> = {
  unitsWithoutTheirAssignment: `
    SELECT u.callsign AS v FROM units u
    WHERE u.incident_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM assignments a WHERE a.unit_id = u.id AND a.incident_id = u.incident_id AND a.released_at IS NULL)`,
  assignmentsWithoutTheirUnit: `
    SELECT u.callsign AS v FROM assignments a JOIN units u ON u.id = a.unit_id
    WHERE a.released_at IS NULL AND (u.incident_id IS DISTINCT FROM a.incident_id OR u.status = 'available')`,
  unitsOnTwoIncidents: `
    SELECT unit_id::text AS v FROM assignments WHERE released_at IS NULL GROUP BY unit_id HAVING count(*) > 1`,
  newIncidentsWithUnits: `
    SELECT i.number AS v FROM incidents i
    WHERE i.status = 'new' AND EXISTS (SELECT 1 FROM assignments a WHERE a.incident_id = i.id AND a.released_at IS NULL)`,
  assignmentsWithoutAudit: `
    SELECT a.id::text AS v FROM assignments a
    WHERE a.released_at IS NULL AND NOT EXISTS (
      SELECT 1 FROM audit_log l WHERE l.action = 'incident.assign' AND l.target_id = a.incident_id::text)`,
};

export async function readDispatchState(databaseUrl: string): Promise<DispatchState> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const state: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query<{ v: string }>(sql);
      state[name] = rows.map((r) => r.v);
    }
    return state as unknown as DispatchState;
  } finally {
    await client.end();
  }
}
