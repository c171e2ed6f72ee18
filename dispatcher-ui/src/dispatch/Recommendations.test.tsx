import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeIncident, uuid } from '../test/factories.ts';
import { bindKeyNumbers } from './keyNumbers.ts';
import { Recommendations } from './Recommendations.tsx';
import type { AssignmentState } from './useAssignment.ts';

function state(over: Partial<AssignmentState> = {}): AssignmentState {
  const recommendations: AssignmentState['recommendations'] = [
    {
      unitId: uuid(),
      callsign: 'CH-Q1-1-01',
      kind: 'fire-engine',
      agency: 'fire',
      distanceM: 1200,
      etaSeconds: 185,
      etaEstimated: false,
      fills: 'fire-engine 1 of 2',
    },
  ];
  return {
    recommendations,
    recommendationError: null,
    busy: false,
    conflict: null,
    error: null,
    lastAssigned: null,
    assign: vi.fn(async () => {}),
    clearConflict: vi.fn(),
    keyNumbers: bindKeyNumbers(
      new Map(),
      recommendations.map((r) => r.unitId),
    ),
    confirmingAll: false,
    askAssignAll: vi.fn(),
    cancelAssignAll: vi.fn(),
    undoable: null,
    undo: vi.fn(async () => {}),
    lastUndone: null,
    ...over,
  };
}

function show(s: AssignmentState, mayDispatch = true) {
  render(
    <I18nProvider lang="en">
      <Recommendations
        incident={makeIncident({ number: 'HCM-2026-000007' })}
        state={s}
        mayDispatch={mayDispatch}
      />
    </I18nProvider>,
  );
}

describe('recommended units', () => {
  it('shows each unit with its ETA and distance and assigns it with one click', () => {
    const s = state();
    show(s);
    expect(screen.getByText('CH-Q1-1-01')).toBeTruthy();
    expect(screen.getByText(/ETA 3 min 05 s/)).toBeTruthy();
    expect(screen.getByText(/1\.2 km/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Assign CH-Q1-1-01' }));
    expect(s.assign).toHaveBeenCalledWith([s.recommendations![0]!.unitId]);
  });

  it('shows a conflict with the unit, the incident holding it, and a divert action', () => {
    const unitId = uuid();
    const s = state({
      conflict: {
        message: 'unit CH-Q1-1-01 is assigned to incident HCM-2026-000003',
        unitId,
        callsign: 'CH-Q1-1-01',
        incidentNumber: 'HCM-2026-000003',
        status: 'en-route',
      },
    });
    show(s);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('CH-Q1-1-01 is already assigned to HCM-2026-000003 (En route)');
    fireEvent.click(screen.getByRole('button', { name: 'Divert CH-Q1-1-01 to this incident' }));
    expect(s.assign).toHaveBeenCalledWith([unitId], true);
    fireEvent.click(screen.getByRole('button', { name: 'Understood' }));
    expect(s.clearConflict).toHaveBeenCalled();
  });

  it('offers an undo with its countdown after an assignment', () => {
    const s = state({
      undoable: { unitIds: [uuid()], callsigns: ['CH-Q1-1-01'], until: Date.now() + 9_500 },
    });
    show(s);
    fireEvent.click(screen.getByRole('button', { name: 'Undo (10 s)' }));
    expect(s.undo).toHaveBeenCalled();
  });

  it('marks a straight-line ETA as estimated and gives the road distance of a routed one', () => {
    const routed = state().recommendations![0]!;
    show(
      state({
        recommendations: [
          { ...routed, roadMetres: 1800 },
          { ...routed, unitId: uuid(), callsign: 'CH-BD-1-01', etaSeconds: 900, etaEstimated: true },
        ],
      }),
    );
    expect(screen.getByText(/ETA 3 min 05 s/)).toBeTruthy();
    expect(screen.getByText(/1\.8 km by road/)).toBeTruthy();
    const estimated = screen.getByText(/ETA ≈ 15 min 00 s \(estimated\)/);
    expect(estimated.getAttribute('title')).toBe(
      'Straight-line estimate: this place is off the street network',
    );
  });

  it('offers no assign buttons to a role that only watches', () => {
    show(state(), false);
    expect(screen.queryByRole('button', { name: /Assign/ })).toBeNull();
  });
});
