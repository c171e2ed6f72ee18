// Keyboard safety of the dispatch console: stray keys send nothing, numbers need Alt and stay with their unit,
// and "assign all" asks first (Enter confirms inside the dialog, Escape cancels).
import type { Recommendation } from '@hcm112/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeIncident, uuid } from '../test/factories.ts';
import { assignmentKeys, useKeyNumbers } from './keyNumbers.ts';
import { Recommendations } from './Recommendations.tsx';
import type { AssignmentState } from './useAssignment.ts';
import { useDispatchKeys } from './useDispatchKeys.ts';

const rec = (callsign: string): Recommendation => ({
  unitId: uuid(),
  callsign,
  kind: 'ambulance-bls',
  agency: 'health',
  distanceM: 1500,
  etaSeconds: 200,
  etaEstimated: false,
  fills: 'ambulance',
});
const units = [rec('CC-Q1-01'), rec('CA-Q1-1-01'), rec('CA-Q1-1-02')];
const incident = makeIncident({ number: 'HCM-2026-000042' });

function Console({ recs, assign }: { recs: Recommendation[]; assign: AssignmentState['assign'] }) {
  const [confirmingAll, setConfirmingAll] = useState(false);
  const s: AssignmentState = {
    recommendations: recs,
    recommendationError: null,
    busy: false,
    conflict: null,
    error: null,
    lastAssigned: null,
    assign,
    clearConflict: () => {},
    keyNumbers: useKeyNumbers(incident.id, recs),
    confirmingAll,
    askAssignAll: () => setConfirmingAll(true),
    cancelAssignAll: () => setConfirmingAll(false),
    undoable: null,
    undo: async () => {},
    lastUndone: null,
  };
  useDispatchKeys({ move: () => {}, close: () => {}, ...assignmentKeys(s, true) });
  return (
    <I18nProvider lang="en">
      <button type="button">add note</button>
      <Recommendations incident={incident} state={s} mayDispatch={true} />
    </I18nProvider>
  );
}

const CODES: Record<string, string> = { ' ': 'Space' };
function type(text: string, target: Element = document.body) {
  for (const key of text) fireEvent.keyDown(target, { key, code: CODES[key] ?? `Key${key.toUpperCase()}` });
}
const press = (
  code: string,
  opts: { altKey?: boolean; key?: string } = {},
  target: Element = document.body,
) =>
  fireEvent.keyDown(target, {
    code,
    key: opts.key ?? code.replace(/^(Digit|Key)/, '').toLowerCase(),
    ...opts,
  });

describe('dispatch console keys', () => {
  it('sends nothing when " anh ay" is typed outside a text field', () => {
    const assign = vi.fn(async () => {});
    render(<Console recs={units} assign={assign} />);
    screen.getByRole('button', { name: 'add note' }).focus();
    type(' anh ay', document.activeElement!);
    type(' anh AY');
    expect(assign).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('assigns nothing on a bare digit; Alt+digit assigns the unit showing that number, even after the list changes', () => {
    const assign = vi.fn(async () => {});
    const { rerender } = render(<Console recs={units} assign={assign} />);
    for (const d of ['1', '2', '3', '9']) press(`Digit${d}`);
    expect(assign).not.toHaveBeenCalled();
    press('Digit1', { altKey: true, key: '¡' });
    expect(assign).toHaveBeenCalledWith([units[0]!.unitId]);
    // The first unit is gone from the list: its number is not handed to the next one.
    rerender(<Console recs={units.slice(1)} assign={assign} />);
    press('Digit1', { altKey: true });
    expect(assign).toHaveBeenCalledTimes(1);
    const row = document.querySelector(`[data-unit-id="${units[2]!.unitId}"] .rec-key`);
    expect(row?.textContent).toBe('3');
    press('Digit3', { altKey: true });
    expect(assign).toHaveBeenLastCalledWith([units[2]!.unitId]);
  });

  it('asks before assigning all, naming every unit; Escape cancels, the focused confirm button assigns', () => {
    const assign = vi.fn(async () => {});
    render(<Console recs={units} assign={assign} />);
    press('KeyA', { altKey: true });
    const dialog = screen.getByRole('alertdialog', { name: 'Assign these 3 units to HCM-2026-000042?' });
    for (const u of units) expect(dialog.textContent).toContain(u.callsign);
    expect(assign).not.toHaveBeenCalled();
    // Keys inside the dialog do not reach the console's shortcuts.
    press('Digit1', { altKey: true }, document.activeElement!);
    expect(assign).not.toHaveBeenCalled();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape', code: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(assign).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Assign all recommended…' }));
    const confirm = screen.getByRole('button', { name: 'Assign 3 units' });
    expect(document.activeElement).toBe(confirm); // Enter lands here, and only here
    fireEvent.click(confirm);
    expect(assign).toHaveBeenCalledWith(units.map((u) => u.unitId));
  });
});
