import type { HospitalCapability } from '@hcm112/shared';
import { describe, expect, it } from 'vitest';
import { chooseDestination, type HospitalRanking } from './destination.ts';

const hospital = (id: string, lat: number, capabilities: HospitalCapability[], diverting = false) => ({
  id,
  name: id,
  point: { lat, lon: 106.7 },
  capabilities,
  diverting,
});
const here = { lat: 10.77, lon: 106.7 };

describe('chooseDestination', () => {
  const near = hospital('near', 10.771, ['emergency']);
  const trauma = hospital('trauma', 10.79, ['emergency', 'trauma']);
  const nearTrauma = hospital('near-trauma', 10.772, ['trauma'], true);

  it('takes the nearest hospital that treats the need, passing over nearer ones that do not or are diverting', async () => {
    const d = await chooseDestination(here, 'trauma', [near, trauma, nearTrauma]);
    expect(d?.hospital.id).toBe('trauma');
    expect(d?.matched).toBe('trauma');
  });

  it('falls back to the nearest emergency department when no open hospital has the need', async () => {
    const d = await chooseDestination(here, 'burns', [near, trauma]);
    expect(d).toMatchObject({ hospital: { id: 'near' }, matched: 'emergency' });
  });

  it('has no destination when every hospital diverts', async () => {
    expect(
      await chooseDestination(here, 'emergency', [hospital('x', 10.77, ['emergency'], true)]),
    ).toBeNull();
  });

  it('follows the ranking it is given (a road router may put the farther hospital first)', async () => {
    const reversed: HospitalRanking = (_from, hs) => hs.map((h, i) => ({ hospital: h, cost: -i })).reverse();
    const d = await chooseDestination(here, 'emergency', [near, trauma]);
    const r = await chooseDestination(here, 'emergency', [near, trauma], reversed);
    expect(d?.hospital.id).toBe('near');
    expect(r?.hospital.id).toBe('trauma');
  });
});
