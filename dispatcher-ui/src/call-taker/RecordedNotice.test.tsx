import type { CallerLocation } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { at, makeCall } from '../test/factories.ts';
import { RecordedNotice, type RecordState } from './useRecordLocation.tsx';

const gps: CallerLocation = {
  point: { lat: 10.7769, lon: 106.7009 },
  accuracyM: 9,
  source: 'pidf-lo',
  shape: null,
  method: 'GPS',
  at: at(0),
};
const pinned = { lat: 10.7781, lon: 106.6992 };

function shown(state: RecordState): string {
  render(
    <I18nProvider lang="en">
      <RecordedNotice state={state} />
    </I18nProvider>,
  );
  return screen.getByRole('status').textContent ?? '';
}

describe('what the console says after recording where the caller is', () => {
  it('says the pin is now the location in use', () => {
    const call = makeCall({
      location: { ...gps, point: pinned, accuracyM: null, source: 'pin', method: 'pin', at: at(40) },
      locationChoice: 'newest',
    });
    expect(shown({ phase: 'done', source: 'pin', point: pinned, call })).toBe(
      "✓ Recorded in the call's locations (pin placed by the call-taker). It is now the location in use.",
    );
  });

  it('names the much more precise fix that stays in use, and why', () => {
    const call = makeCall({ location: gps, locationChoice: 'more-precise' });
    expect(shown({ phase: 'done', source: 'manual', point: pinned, call })).toBe(
      "✓ Recorded in the call's locations (typed by the call-taker). The location from the phone (± 9 m) stays in use: it is much more precise and under 30 s older.",
    );
  });
});
