import type { CallTakerStatus } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, makeCall } from '../test/factories.ts';
import { ReadyToggle } from './ReadyToggle.tsx';

function renderToggle(reason: CallTakerStatus['reason']) {
  const me: CallTakerStatus = {
    userId: makeCall().id,
    username: 'ct1',
    sipExtension: '1001',
    state: 'ready',
    since: at(0),
    callId: null,
    reason,
    wrapUpUntil: null,
  };
  render(
    <I18nProvider lang="en">
      <ReadyToggle me={me} busy={false} error={null} onToggle={() => {}} />
    </I18nProvider>,
  );
}

describe('ready toggle', () => {
  it('tells the call-taker when another device took over their extension', () => {
    renderToggle('registered-elsewhere');
    expect(screen.getByText(/registered from another device/)).toBeTruthy();
  });

  it('says nothing of it otherwise', () => {
    renderToggle('registered');
    expect(screen.queryByText(/registered from another device/)).toBeNull();
  });
});
