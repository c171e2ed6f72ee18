import type { CallTakerStatus } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, uuid } from '../test/factories.ts';
import { ReasonNotice, WrapUpCountdown, wrapUpSecondsLeft } from './Availability.tsx';

function status(over: Partial<CallTakerStatus> = {}): CallTakerStatus {
  return {
    userId: uuid(),
    username: 'ct1',
    sipExtension: '1001',
    state: 'ready',
    since: at(0),
    callId: null,
    reason: null,
    wrapUpUntil: null,
    ...over,
  };
}

const T0 = Date.parse(at(0));

describe('wrap-up countdown', () => {
  it('counts whole seconds down to the end on the server clock, never below 0', () => {
    const me = status({ state: 'wrap-up', wrapUpUntil: at(15) });
    expect([0, 0.2, 13.9, 15, 20].map((s) => wrapUpSecondsLeft(me, T0 + s * 1000))).toEqual([
      15, 14, 1, 0, 0,
    ]);
    expect(wrapUpSecondsLeft(status(), T0)).toBeNull();
  });

  it('shows the seconds left and ends the wrap-up with the button', async () => {
    const onEnd = vi.fn();
    render(
      <I18nProvider lang="en">
        <WrapUpCountdown
          me={status({ state: 'wrap-up', wrapUpUntil: at(15) })}
          serverNow={T0 + 3000}
          busy={false}
          error={null}
          onEnd={onEnd}
        />
      </I18nProvider>,
    );
    expect(screen.getByText('12 s left before the next call')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /End wrap-up/ }));
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('shows nothing when not in wrap-up', () => {
    const { container } = render(
      <I18nProvider lang="en">
        <WrapUpCountdown me={status()} serverNow={T0} busy={false} error={null} onEnd={() => {}} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});

describe('reason notice', () => {
  it('tells a call-taker the system set them not ready, and why', () => {
    render(
      <I18nProvider lang="en">
        <ReasonNotice me={status({ state: 'not-ready', reason: 'console-lost' })} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('You were set not ready: console connection lost.');
  });

  it('warns during a call that they will be not ready after it, in Vietnamese too', () => {
    render(
      <I18nProvider lang="vi">
        <ReasonNotice me={status({ state: 'on-call', reason: 'console-lost' })} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toContain('Sau cuộc gọi này');
  });

  it('says nothing when they chose their state themselves', () => {
    const { container } = render(
      <I18nProvider lang="en">
        <ReasonNotice me={status({ state: 'not-ready' })} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
