import { describe, expect, it } from 'vitest';
import { at, makeUnit } from '../../test/factories.ts';
import { applyUnitEvent, loadUnits } from './units.ts';

describe('units reducer', () => {
  it('moves a unit on a position report', () => {
    const u = makeUnit();
    const position = { point: { lat: 10.8, lon: 106.7 }, heading: 45, speedKmh: 40, at: at(5) };
    const s = applyUnitEvent(loadUnits([u]), { type: 'unit.position', unitId: u.id, position });
    expect(s[u.id]?.position).toEqual(position);
  });

  it('ignores a position older than the one held', () => {
    const u = makeUnit({
      position: { point: { lat: 1, lon: 2 }, heading: null, speedKmh: null, at: at(10) },
    });
    const s = loadUnits([u]);
    const old = { point: { lat: 3, lon: 4 }, heading: null, speedKmh: null, at: at(5) };
    expect(applyUnitEvent(s, { type: 'unit.position', unitId: u.id, position: old })).toBe(s);
  });

  it('applies a status change but keeps a newer position than the one it carries', () => {
    const newer = { point: { lat: 10.9, lon: 106.8 }, heading: null, speedKmh: null, at: at(20) };
    const u = makeUnit({ position: newer, updatedAt: at(5) });
    const s = applyUnitEvent(loadUnits([u]), {
      type: 'unit.updated',
      unit: { ...u, status: 'dispatched', updatedAt: at(15), position: { ...newer, at: at(1) } },
    });
    expect(s[u.id]?.status).toBe('dispatched');
    expect(s[u.id]?.position?.at).toBe(at(20));
  });

  it('ignores a status change older than the one held', () => {
    const u = makeUnit({ status: 'en-route', updatedAt: at(30) });
    const s = loadUnits([u]);
    expect(
      applyUnitEvent(s, { type: 'unit.updated', unit: { ...u, status: 'available', updatedAt: at(2) } }),
    ).toBe(s);
  });
});
