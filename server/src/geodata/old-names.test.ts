import { describe, expect, it } from 'vitest';
import { parseBeforeMerger } from './old-names.ts';

describe('parseBeforeMerger', () => {
  it('gives every numbered ward the district named after its group', () => {
    expect(parseBeforeMerger('Phường 12, Phường 13, Phường 15 (Quận 10), Phường 14 (quận Gò Vấp)')).toEqual([
      { name: 'Phường 12', district: 'Quận 10' },
      { name: 'Phường 13', district: 'Quận 10' },
      { name: 'Phường 15', district: 'Quận 10' },
      { name: 'Phường 14', district: 'Quận Gò Vấp' },
    ]);
  });

  it('leaves the district open when the text names none', () => {
    expect(parseBeforeMerger('Phường Tân Định (Quận 1), Phường Đa Kao')).toEqual([
      { name: 'Phường Tân Định', district: 'Quận 1' },
      { name: 'Phường Đa Kao', district: null },
    ]);
    expect(parseBeforeMerger(null)).toEqual([]);
  });
});
