import type { CallTakerStatus, WrapUpSetting } from '@hcm112/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, uuid } from '../test/factories.ts';
import { CallTakerTable } from './CallTakerBoard.tsx';
import { WrapUpPanel } from './WrapUpControl.tsx';

function person(username: string, over: Partial<CallTakerStatus> = {}): CallTakerStatus {
  return {
    userId: uuid(),
    username,
    sipExtension: '1001',
    state: 'ready',
    since: at(0),
    callId: null,
    reason: null,
    wrapUpUntil: null,
    ...over,
  };
}

describe('wallboard call-takers', () => {
  it('lists call-takers by state, wrap-up its own, with the reason the system set one not ready', () => {
    render(
      <I18nProvider lang="en">
        <CallTakerTable
          callTakers={[
            person('lan', { state: 'not-ready', reason: 'console-lost' }),
            person('minh', { state: 'wrap-up', wrapUpUntil: at(15) }),
            person('an', { state: 'ready' }),
            person('binh', { state: 'offline', reason: 'unregistered' }),
          ]}
        />
      </I18nProvider>,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['an · 1001', '● Ready', ''],
      ['minh · 1001', '✎ Wrap-up', ''],
      ['lan · 1001', '⏸ Not ready', 'console connection lost'],
      ['binh · 1001', '○ Offline', 'phone not registered'],
    ]);
  });
});

describe('wallboard wrap-up setting', () => {
  const setting: WrapUpSetting = {
    seconds: 15,
    defaultSeconds: 15,
    breakWaitSeconds: 10,
    setBy: null,
    setAt: null,
  };

  it('lets a supervisor set the seconds or 0 for a surge', async () => {
    const onSet = vi.fn();
    render(
      <I18nProvider lang="en">
        <WrapUpPanel setting={setting} canSet busy={false} error={null} onSet={onSet} />
      </I18nProvider>,
    );
    expect(screen.getByText('15 s')).toBeTruthy();
    await userEvent.type(screen.getByRole('spinbutton'), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Set' }));
    await userEvent.click(screen.getByRole('button', { name: 'Surge: 0 s' }));
    expect(onSet.mock.calls).toEqual([[30], [0]]);
  });

  it('shows the setting without controls to an admin', () => {
    render(
      <I18nProvider lang="en">
        <WrapUpPanel
          setting={{ ...setting, seconds: 0, setBy: 'sup1' }}
          canSet={false}
          busy={false}
          error={null}
          onSet={() => {}}
        />
      </I18nProvider>,
    );
    expect(screen.getByText('0 s')).toBeTruthy();
    expect(screen.getByText(/set by sup1/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
