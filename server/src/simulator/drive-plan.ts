// A simulated unit's drive along its route: the route from the router once per destination, then the point a
// given distance along it and the heading there.
import type { GeoPoint } from '@hcm112/shared';
import { metresBetween } from '../roads/road-network.ts';

export class DrivePlan {
  private readonly cumulative: number[];
  travelled = 0;

  constructor(
    /** The destination this plan drives to; a new destination needs a new plan. */
    readonly destination: GeoPoint,
    private readonly path: ReadonlyArray<readonly [number, number]>,
  ) {
    this.cumulative = [0];
    for (let i = 1; i < path.length; i++) {
      const [a, b] = [path[i - 1]!, path[i]!];
      this.cumulative.push(this.cumulative[i - 1]! + metresBetween(a[0], a[1], b[0], b[1]));
    }
  }

  get length(): number {
    return this.cumulative.at(-1)!;
  }

  get remaining(): number {
    return Math.max(0, this.length - this.travelled);
  }

  /** Moves `metres` further along; returns where the unit is and which way it faces (degrees from north). */
  advance(metres: number): { point: GeoPoint; heading: number } {
    this.travelled = Math.min(this.length, this.travelled + metres);
    let i = 1;
    while (i < this.cumulative.length - 1 && this.cumulative[i]! < this.travelled) i++;
    const [a, b] = [this.path[i - 1]!, this.path[i]!];
    const span = this.cumulative[i]! - this.cumulative[i - 1]!;
    const t = span > 0 ? (this.travelled - this.cumulative[i - 1]!) / span : 1;
    const point = { lon: a[0] + t * (b[0] - a[0]), lat: a[1] + t * (b[1] - a[1]) };
    const dx = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
    const dy = b[1] - a[1];
    const heading = ((((Math.atan2(dx, dy) * 180) / Math.PI) % 360) + 360) % 360;
    return { point, heading };
  }
}
