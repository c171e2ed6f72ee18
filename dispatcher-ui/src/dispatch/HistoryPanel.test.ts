import { describe, expect, it } from 'vitest';
import { parseDayTime } from './HistoryPanel.tsx';

describe('typed day and time of the history search', () => {
  it('reads dd/mm/yyyy with an optional hh:mm in local time', () => {
    expect(parseDayTime('06/12/2026 21:30')).toBe(new Date(2026, 11, 6, 21, 30).toISOString());
    expect(parseDayTime('6/12/2026')).toBe(new Date(2026, 11, 6, 0, 0).toISOString());
    expect(parseDayTime('6/12/2026', true)).toBe(new Date(2026, 11, 6, 23, 59).toISOString());
  });

  it('says empty is no bound, and refuses what is not a real date', () => {
    expect(parseDayTime('  ')).toBeUndefined();
    expect(parseDayTime('31/02/2026')).toBeNull();
    expect(parseDayTime('12/31/2026')).toBeNull();
    expect(parseDayTime('yesterday')).toBeNull();
    expect(parseDayTime('01/01/2026 25:00')).toBeNull();
  });
});
