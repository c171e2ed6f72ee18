// The demo's unit simulator: plays each committed unit's device, driving it along the streets (the road router's
// route; a straight line off the network) to its incident, to hospital for ambulances, and home again, through
// the same AVL and status services real devices and dispatchers use.
import { type GeoPoint, type Hospital, patientNeed, type UnitKind, type UnitStatus } from '@hcm112/shared';
import { reportPosition } from '../avl/service.ts';
import type { AppContext } from '../context.ts';
import { changeUnitStatus } from '../dispatch/service.ts';
import { unitToken } from '../seed/demo-city.ts';
import type { Lifecycle } from '../server.ts';
import { toPoint } from '../db/geo.ts';
import { chooseDestination } from '../hospitals/destination.ts';
import { listHospitals } from '../hospitals/repository.ts';
import { roadRanking } from '../hospitals/road-ranking.ts';
import { DrivePlan } from './drive-plan.ts';
import { unitsToSimulate } from './repository.ts';

export interface SimulatorTimings {
  /** Seconds between dispatch and the crew rolling. */
  turnoutSeconds: number;
  onSceneSeconds: number;
  atHospitalSeconds: number;
  speedKmh: number;
  arrivalMetres: number;
}

export const DEMO_TIMINGS: SimulatorTimings = {
  turnoutSeconds: 5,
  onSceneSeconds: 90,
  atHospitalSeconds: 45,
  speedKmh: 45,
  arrivalMetres: 50,
};

type SimUnit = Awaited<ReturnType<typeof unitsToSimulate>>[number];

/** The demo timings played `speedup` times faster: a whole-system test watches a unit's whole run in seconds. */
export function acceleratedTimings(speedup: number, base: SimulatorTimings = DEMO_TIMINGS): SimulatorTimings {
  return {
    turnoutSeconds: base.turnoutSeconds / speedup,
    onSceneSeconds: base.onSceneSeconds / speedup,
    atHospitalSeconds: base.atHospitalSeconds / speedup,
    speedKmh: base.speedKmh * speedup,
    arrivalMetres: base.arrivalMetres,
  };
}

export class UnitSimulator {
  private lastStep?: Date;
  private hospitals?: { at: number; list: Promise<Hospital[]> };
  private readonly plans = new Map<string, DrivePlan>();

  constructor(
    private readonly ctx: AppContext,
    private readonly timings: SimulatorTimings = DEMO_TIMINGS,
  ) {}

  /** Advances every simulated unit to `now`. */
  async step(now: Date): Promise<void> {
    const dt = this.lastStep ? Math.min(60, (now.getTime() - this.lastStep.getTime()) / 1000) : 1;
    this.lastStep = now;
    // Diversion and capabilities change at the centre: re-read every minute.
    if (!this.hospitals || now.getTime() - this.hospitals.at > 60_000)
      this.hospitals = { at: now.getTime(), list: listHospitals(this.ctx.db) };
    for (const u of await unitsToSimulate(this.ctx.db)) {
      await this.advance(u, now, dt).catch((err: unknown) =>
        this.ctx.log.warn({ err, unit: u.callsign }, 'simulated unit step failed'),
      );
    }
  }

  private async advance(u: SimUnit, now: Date, dt: number): Promise<void> {
    const here = toPoint(u.pos_lat, u.pos_lon);
    if (!here) return;
    const since = (now.getTime() - u.updated_at.getTime()) / 1000;
    const status = u.status as UnitStatus;
    const incident = toPoint(u.inc_lat, u.inc_lon);
    if (status === 'dispatched' && since >= this.timings.turnoutSeconds) return this.setStatus(u, 'en-route');
    if (status === 'en-route' && incident) return this.drive(u, here, incident, dt, now, 'on-scene');
    if (status === 'on-scene' && since >= this.timings.onSceneSeconds)
      return this.setStatus(u, u.agency === 'ambulance' ? 'transporting' : 'available');
    if (status === 'transporting') {
      const destination = await this.destination(u, here, now);
      return destination
        ? this.drive(u, here, destination, dt, now, 'at-hospital')
        : this.setStatus(u, 'at-hospital');
    }
    if (status === 'at-hospital' && since >= this.timings.atHospitalSeconds)
      return this.setStatus(u, 'available');
    const home = toPoint(u.home_lat, u.home_lon);
    if (status === 'available' && home) return this.drive(u, here, home, dt, now, null);
  }

  private async drive(
    u: SimUnit,
    from: GeoPoint,
    to: GeoPoint,
    dt: number,
    now: Date,
    onArrival: UnitStatus | null,
  ) {
    let plan = this.plans.get(u.id);
    if (!plan || plan.destination.lat !== to.lat || plan.destination.lon !== to.lon) {
      plan = new DrivePlan(to, this.ctx.roads.route(from, to, now, u.kind as UnitKind).path);
      this.plans.set(u.id, plan);
    }
    const stepM = (this.timings.speedKmh / 3.6) * dt;
    const arrived = plan.remaining <= Math.max(stepM, this.timings.arrivalMetres);
    const { point, heading } = plan.advance(arrived ? plan.remaining : stepM);
    await reportPosition(this.ctx, u.id, unitToken(u.callsign), {
      lat: arrived ? to.lat : point.lat,
      lon: arrived ? to.lon : point.lon,
      heading: Math.round(heading) % 360,
      speedKmh: arrived ? 0 : this.timings.speedKmh,
      at: now.toISOString(),
    });
    if (arrived) this.plans.delete(u.id);
    if (arrived && onArrival) await this.setStatus(u, onArrival);
  }

  /** The hospital chosen for the patient's need (destination.ts), nearest by road from where the ambulance is. */
  private async destination(u: SimUnit, here: GeoPoint, now: Date): Promise<GeoPoint | null> {
    const hospitals = await (this.hospitals?.list ?? listHospitals(this.ctx.db));
    const need = patientNeed(u.inc_type, u.inc_subtype);
    const rank = roadRanking(this.ctx.roads, now, u.kind as UnitKind);
    const choice = await chooseDestination(here, need, hospitals, rank);
    return choice?.hospital.point ?? null;
  }

  private async setStatus(u: SimUnit, status: UnitStatus): Promise<void> {
    await changeUnitStatus(this.ctx, { id: null, name: u.callsign }, u.id, status);
  }
}

/** Background part: steps the simulator every second when SIMULATOR=true. */
export async function startUnitSimulator(ctx: AppContext): Promise<Lifecycle> {
  if (!ctx.config.SIMULATOR) return { name: 'unit simulator (off)', stop: async () => {} };
  const sim = new UnitSimulator(ctx, acceleratedTimings(ctx.config.SIMULATOR_SPEEDUP));
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sim.step(ctx.clock()))
      .catch((err: unknown) => ctx.log.error({ err }, 'simulator step failed'));
  }, 1000);
  ctx.log.info('unit simulator running');
  return {
    name: 'unit simulator',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
