import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL_MODEL, loadTravelModel, periodAt, roadClassOf } from './travel-model.ts';

const ZONE = 'Asia/Ho_Chi_Minh';
const local = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+07:00`);

describe('travel model', () => {
  it('tells the period by local time: rush hours, night across midnight, day otherwise', () => {
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('07:00'), ZONE)).toBe('peak');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('08:59'), ZONE)).toBe('peak');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('09:00'), ZONE)).toBe('day');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('17:45'), ZONE)).toBe('peak');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('23:30'), ZONE)).toBe('night');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('05:59'), ZONE)).toBe('night');
    expect(periodAt(DEFAULT_TRAVEL_MODEL, local('06:00'), ZONE)).toBe('day');
  });

  it('counts link roads as their road and ignores what is not drivable', () => {
    expect(roadClassOf('primary_link')).toBe('primary');
    expect(roadClassOf('footway')).toBeUndefined();
  });

  it('refuses a speeds file with a bad value, naming the field', () => {
    const file = join(tmpdir(), `e112-bad-speeds-${process.pid}.json`);
    const bad = structuredClone(DEFAULT_TRAVEL_MODEL) as unknown as {
      speedsKmh: { primary: { day: number } };
    };
    bad.speedsKmh.primary.day = 0;
    writeFileSync(file, JSON.stringify(bad));
    expect(() => loadTravelModel(file)).toThrow(/speedsKmh\.primary\.day/);
    writeFileSync(file, JSON.stringify(DEFAULT_TRAVEL_MODEL));
    expect(loadTravelModel(file)).toEqual(DEFAULT_TRAVEL_MODEL);
  });
});
