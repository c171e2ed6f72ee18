import type { AddressMatch, Call } from '@hcm112/shared';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeCall } from '../test/factories.ts';
import { CallerDetails } from './CallerDetails.tsx';
import { useCallerPlace } from './useCallerFacts.ts';

/** Answers the lookups the caller's details make as the server would, with `match` as the reverse geocode. */
function serve(match: AddressMatch | null): void {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/addresses/reverse')) return json(200, { match });
      if (url.startsWith('/api/calls/recent')) return json(200, { calls: [] });
      return json(404, { error: { code: 'not-found', message: url } });
    }),
  );
}

function Details({ call }: { call: Call }) {
  return <CallerDetails call={call} place={useCallerPlace(call.location)} canPlace={false} />;
}

const located = (point: { lat: number; lon: number }, ward: string | null) =>
  makeCall({
    state: 'answered',
    ward,
    location: { point, accuracyM: 30, source: 'aml', shape: null, method: 'GPS', at: null },
  });

describe('the caller details', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the 2025 ward the call lies in beside the nearest place, and gives no boundary warning', async () => {
    serve({
      label: 'gần Nguyễn Văn Cừ',
      kind: 'street',
      point: { lat: 10.758, lon: 106.684 },
      district: 'Quận 5',
      ward: 'Phường Chợ Quán',
      distanceM: 80,
    });
    render(
      <I18nProvider lang="en">
        <Details call={located({ lat: 10.758, lon: 106.684 }, 'Phường Chợ Quán')} />
      </I18nProvider>,
    );
    expect(await screen.findByText('gần Nguyễn Văn Cừ')).toBeTruthy();
    expect(screen.getByTestId('caller-ward').textContent).toBe('Phường Chợ Quán');
    expect(screen.queryByTestId('caller-outside-city')).toBeNull();
  });

  it('does not repeat the ward when the place already names it', async () => {
    serve({
      label: 'Chợ Bến Thành, Phường Bến Thành',
      kind: 'landmark',
      point: { lat: 10.7725, lon: 106.698 },
      district: 'Quận 1',
      ward: 'Phường Bến Thành',
      distanceM: 10,
    });
    render(
      <I18nProvider lang="en">
        <Details call={located({ lat: 10.7725, lon: 106.698 }, 'Phường Bến Thành')} />
      </I18nProvider>,
    );
    expect(await screen.findByText('Chợ Bến Thành, Phường Bến Thành')).toBeTruthy();
    expect(screen.queryByTestId('caller-ward')).toBeNull();
  });

  it('warns, in the call-taker’s language, that a caller in no ward and no district is outside the city', async () => {
    serve({
      label: 'gần Cần Giờ',
      kind: 'street',
      point: { lat: 10.2, lon: 107.5 },
      district: null,
      ward: null,
      distanceM: 40_000,
    });
    render(
      <I18nProvider lang="vi">
        <Details call={located({ lat: 10.2, lon: 107.5 }, null)} />
      </I18nProvider>,
    );
    const warning = await screen.findByTestId('caller-outside-city');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('Ngoài ranh giới thành phố: xác nhận lại vị trí với người gọi');
    expect(screen.queryByTestId('caller-ward')).toBeNull();
  });

  it('gives no boundary warning before the place is known, nor for a call without a location', async () => {
    serve(null);
    render(
      <I18nProvider lang="en">
        <Details call={makeCall({ state: 'answered' })} />
      </I18nProvider>,
    );
    expect(await screen.findByText(/No location from the network/)).toBeTruthy();
    expect(screen.queryByTestId('caller-outside-city')).toBeNull();
  });
});
