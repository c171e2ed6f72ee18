// Runs the speed calibration over every unit's AVL history in a time window, one unit at a time.
import type { UnitKind } from '@hcm112/shared';
import type { Db } from '../db/database.ts';
import {
  type CalibrationOptions,
  type CalibrationResult,
  DEFAULT_CALIBRATION,
  SpeedCalibration,
} from './calibrate.ts';
import { unitFixes, unitsWithHistory } from './repository.ts';
import type { RoadRouter } from './router.ts';

export async function calibrateFromHistory(
  db: Db,
  router: RoadRouter,
  timeZone: string,
  window: { from: Date; to: Date },
  now: Date,
  options: CalibrationOptions = DEFAULT_CALIBRATION,
): Promise<CalibrationResult> {
  if (!router.network) throw new Error('no street network loaded: set ROAD_NETWORK_FILE or GEODATA_DIR');
  const calibration = new SpeedCalibration(router, timeZone, options);
  for (const unit of await unitsWithHistory(db, window.from, window.to)) {
    calibration.addUnit(unit.kind as UnitKind, await unitFixes(db, unit.id, window.from, window.to));
  }
  return calibration.result(now, window);
}
