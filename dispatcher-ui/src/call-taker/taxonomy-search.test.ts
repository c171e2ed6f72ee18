import { describe, expect, it } from 'vitest';
import { searchTaxonomy, taxonomyEntries } from './taxonomy-search.ts';

const vi = taxonomyEntries('vi');
const en = taxonomyEntries('en');
const first = (entries: typeof vi, q: string) => searchTaxonomy(entries, q)[0]?.subtype;

describe('incident type search', () => {
  it('puts the exact name first, before a longer one that starts the same', () => {
    expect(first(vi, 'chay nha')).toBe('structure-fire');
    expect(first(vi, 'Cháy nhà')).toBe('structure-fire');
    expect(searchTaxonomy(vi, 'chay nha').map((e) => e.subtype)).toContain('high-rise-fire');
    expect(first(en, 'structure fire')).toBe('structure-fire');
  });

  it('puts the shorter of two names that start with the query first', () => {
    const found = searchTaxonomy(vi, 'chay nha ca').map((e) => e.subtype);
    expect(found[0]).toBe('high-rise-fire');
  });

  it('finds nothing for an empty query', () => {
    expect(searchTaxonomy(vi, '  ')).toEqual([]);
  });
});
