import { describe, expect, it } from 'vitest';
import { at, makeAlert } from '../../test/factories.ts';
import { applyAlertEvent, loadAlerts, openAlerts } from './alerts.ts';

describe('alerts reducer', () => {
  it('lists open alerts with the newest activity first', () => {
    const a = makeAlert({ lastAt: at(5) });
    const b = makeAlert({ lastAt: at(50) });
    const s = applyAlertEvent(loadAlerts([a]), { type: 'alert.updated', alert: b });
    expect(openAlerts(s).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it('drops a promoted alert from the open list and never reopens it on a late event', () => {
    const a = makeAlert();
    let s = applyAlertEvent(loadAlerts([a]), { type: 'alert.updated', alert: { ...a, status: 'promoted' } });
    s = applyAlertEvent(s, { type: 'alert.updated', alert: { ...a, count: 2, lastAt: at(9) } });
    expect(openAlerts(s)).toEqual([]);
  });
});
