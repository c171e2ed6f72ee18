// The hospitals' rules: a centre edits capabilities, diversion and verification (audited, version-checked), and
// an ambulance's destination is chosen for the patient's need from where the ambulance is.
import {
  type GeoPoint,
  type Hospital,
  type HospitalCapability,
  type UpdateHospitalRequest,
  patientNeed,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, NotFound } from '../errors.ts';
import { loadIncidents } from '../incidents/repository.ts';
import { chooseDestination, type HospitalRanking, straightLineRanking } from './destination.ts';
import { findHospital, listHospitals, updateHospital } from './repository.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export async function editHospital(
  ctx: Ctx,
  actor: Actor,
  id: string,
  change: UpdateHospitalRequest,
  requestId?: string,
): Promise<Hospital> {
  const before = await findHospital(ctx.db, id);
  if (!before) throw new NotFound('hospital');
  const { version, ...fields } = change;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateHospital(trx, id, version, fields, actor.name, ctx.clock())))
      throw new Conflict('the hospital was changed by someone else; reload and edit again', {
        version: before.version,
      });
    await appendAudit(trx, {
      actor,
      action: 'hospital.update',
      targetType: 'hospital',
      targetId: id,
      before: { capabilities: before.capabilities, diverting: before.diverting, verified: before.verified },
      after: fields,
      requestId,
    });
  });
  return (await findHospital(ctx.db, id))!;
}

export interface DestinationChoice {
  hospital: Hospital;
  need: HospitalCapability;
  matched: HospitalCapability;
  /** What the ranking measured: seconds by road from the API and the simulator (road-ranking.ts), metres with the default straight line. */
  cost: number;
}

export async function destinationFor(
  ctx: Ctx,
  from: GeoPoint,
  need: HospitalCapability,
  rank: HospitalRanking = straightLineRanking,
): Promise<DestinationChoice | null> {
  const choice = await chooseDestination(from, need, await listHospitals(ctx.db), rank);
  return choice && { hospital: choice.hospital, need, matched: choice.matched, cost: choice.cost };
}

/** Where an ambulance at `from` takes the patient of an incident. */
export async function destinationForIncident(
  ctx: Ctx,
  incidentId: string,
  from: GeoPoint | null,
  rank?: HospitalRanking,
): Promise<DestinationChoice | null> {
  const [incident] = await loadIncidents(ctx.db, [incidentId]);
  if (!incident) throw new NotFound('incident');
  return destinationFor(
    ctx,
    from ?? incident.location.point,
    patientNeed(incident.type, incident.subtype),
    rank,
  );
}
