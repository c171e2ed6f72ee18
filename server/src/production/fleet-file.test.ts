// The fleet file: valid rows become units, a bad row is named with its field.
import { describe, expect, it } from 'vitest';
import { parseFleetFile } from './fleet-file.ts';

describe('parseFleetFile', () => {
  it('reads units with their capabilities and optional station', () => {
    const rows = parseFleetFile(
      'callsign,agency,kind,capabilities,station\nCC-Q1-01,fire,fire-engine,fire-suppression;technical-rescue,ST-Q1\nCA-Q1-01,police,police-patrol,,\n',
    );
    expect(rows).toEqual([
      {
        callsign: 'CC-Q1-01',
        agency: 'fire',
        kind: 'fire-engine',
        capabilities: ['fire-suppression', 'technical-rescue'],
        station: 'ST-Q1',
      },
      { callsign: 'CA-Q1-01', agency: 'police', kind: 'police-patrol', capabilities: [], station: null },
    ]);
  });

  it('names the first bad row and field', () => {
    expect(() =>
      parseFleetFile(
        'callsign,agency,kind,capabilities,station\nX1,police,police-patrol,,\nX2,army,tank,,\n',
      ),
    ).toThrow(/^fleet file row 2: agency: /);
  });
});
