import { describe, expect, it } from 'vitest';
import { parseWards } from './ward-rows.ts';

const square = [
  [106.7, 10.77],
  [106.71, 10.77],
  [106.71, 10.78],
  [106.7, 10.78],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});

describe('parseWards', () => {
  it('closes an open ring and keeps the ward', () => {
    const parsed = parseWards({
      features: [
        feature({ id: '1', name: 'Bến Thành', type: 'Phường' }, { type: 'Polygon', coordinates: [square] }),
      ],
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.closedRings).toBe(1);
    expect(parsed.rows[0]!.name).toBe('Phường Bến Thành');
    const ring = parsed.rows[0]!.geometry.coordinates[0]![0]!;
    expect(ring[ring.length - 1]).toEqual(ring[0]);
  });

  it('reports by row what cannot be repaired', () => {
    const parsed = parseWards({
      features: [
        feature(
          { id: '1', name: 'A', type: 'Xã' },
          { type: 'MultiPolygon', coordinates: [[square.slice(0, 2)]] },
        ),
        feature({ id: '2', name: 'B', type: 'Xã' }, { type: 'Point', coordinates: [106.7, 10.7] }),
        feature({ id: '3', type: 'Xã' }, { type: 'Polygon', coordinates: [square] }),
        feature(
          { id: '4', name: 'D', type: 'Xã' },
          { type: 'Polygon', coordinates: [[[106.7, 95], ...square]] },
        ),
        feature(
          { id: '5', name: 'E', type: 'Xã' },
          { type: 'Polygon', coordinates: [[...square, square[0]]] },
        ),
      ],
    });
    expect(parsed.errors).toEqual([
      { row: 1, name: 'Xã A', reason: 'a ring has 2 distinct points (a polygon needs 3)' },
      { row: 2, name: 'Xã B', reason: 'geometry is Point, not a Polygon or MultiPolygon' },
      { row: 3, name: null, reason: 'no name' },
      { row: 4, name: 'Xã D', reason: 'a ring has a position that is not [lon, lat]' },
    ]);
    expect(parsed.rows.map((r) => r.code)).toEqual(['5']);
    expect(parsed.closedRings).toBe(0);
  });
});
