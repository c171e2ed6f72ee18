import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, makeCall } from '../test/factories.ts';
import { QueueTable } from './QueueTable.tsx';
import { waitLevel } from './wait-level.ts';

const T0 = Date.parse(at(0));

function renderQueue(waits: number[], clockOffsetMs = 0) {
  const calls = waits.map((w, i) => makeCall({ arrivedAt: at(-w), callerNumber: `090000000${i}` }));
  render(
    <I18nProvider lang="en">
      <QueueTable calls={calls} now={T0} clockOffsetMs={clockOffsetMs} myUserId="nobody" />
    </I18nProvider>,
  );
  return screen.queryAllByRole('row').slice(1);
}

describe('queue wait thresholds', () => {
  it('turns amber at 10 s and red at 15 s', () => {
    expect([0, 9.9, 10, 14.9, 15, 120].map(waitLevel)).toEqual([
      'normal',
      'normal',
      'warning',
      'warning',
      'overdue',
      'overdue',
    ]);
  });

  it('tells each level with an icon and a word, not colour alone', () => {
    const rows = renderQueue([3, 10, 15]);
    const cells = rows.map((r) => within(r).getAllByRole('cell')[0]!);
    expect(cells.map((c) => c.textContent)).toEqual(['⏳3 s', '⚠10 slong', '‼15 soverdue']);
    expect(cells.map((c) => c.querySelector('.wait')?.getAttribute('data-level'))).toEqual([
      'normal',
      'warning',
      'overdue',
    ]);
  });

  it("counts from the server's clock when the console's clock is behind", () => {
    const rows = renderQueue([8], 3000);
    expect(within(rows[0]!).getAllByRole('cell')[0]!.textContent).toBe('⚠11 slong');
  });

  it('says so when nobody is waiting', () => {
    renderQueue([]);
    expect(screen.getByText('No calls waiting')).toBeTruthy();
  });
});
