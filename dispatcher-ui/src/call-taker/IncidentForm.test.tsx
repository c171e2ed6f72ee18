import type { AddressMatch, CreateIncidentRequest, DuplicateCandidate } from '@hcm112/shared';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeCall, makeIncident } from '../test/factories.ts';
import { IncidentForm } from './IncidentForm.tsx';

const BEN_THANH: AddressMatch = {
  label: 'Chợ Bến Thành',
  kind: 'landmark',
  point: { lat: 10.7725, lon: 106.698 },
  district: 'Quận 1',
  ward: 'Bến Thành',
  distanceM: null,
};

interface Server {
  created: CreateIncidentRequest[];
  linked: { incidentId: string; body: unknown }[];
}

/** Answers the form's API calls as the server would; records what was created or linked. */
function serve(duplicates: DuplicateCandidate[] = []): Server {
  const server: Server = { created: [], linked: [] };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      if (url.startsWith('/api/addresses/search'))
        return json(200, { matches: url.includes('xyz') ? [] : [BEN_THANH] });
      if (url.startsWith('/api/incidents/duplicates')) return json(200, { candidates: duplicates });
      if (url === '/api/incidents' && init?.method === 'POST') {
        server.created.push(body);
        return json(201, { incident: makeIncident({ number: 'HCM-2026-000042' }), duplicates: [] });
      }
      const link = url.match(/^\/api\/incidents\/([^/]+)\/calls$/);
      if (link) {
        server.linked.push({ incidentId: link[1]!, body });
        return json(200, { incident: makeIncident({ id: link[1]!, number: 'HCM-2026-000007' }) });
      }
      return json(404, { error: { code: 'not-found', message: url } });
    }),
  );
  return server;
}

function renderForm(call = makeCall({ state: 'answered' }), onDone = vi.fn()) {
  render(
    <I18nProvider lang="en">
      <IncidentForm call={call} callerPlace={null} onDone={onDone} />
    </I18nProvider>,
  );
  return { call, onDone };
}

describe('incident form', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says so when the gazetteer cannot place a typed address', async () => {
    serve();
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('combobox', { name: /^Address/ }));
    await user.keyboard('xyz alley');
    expect(await screen.findByText(/No place in the city matches “xyz alley”/)).toBeTruthy();
  });

  it('is completed from the keyboard alone: type-ahead type, priority, gazetteer address, notes, Ctrl+Enter', async () => {
    const server = serve();
    const user = userEvent.setup();
    const { call, onDone } = renderForm();

    // The type field has the focus as soon as the form opens; typing without accents finds "Cháy nhà".
    expect(document.activeElement?.id).toBe('incident-type');
    await user.keyboard('structure');
    await user.keyboard('{Tab}');
    expect(screen.getByRole('combobox', { name: /^Type/ })).toHaveProperty('value', 'Fire · Structure fire');
    const priority = screen.getByLabelText(/^Priority/);
    expect(document.activeElement).toBe(priority);
    expect(priority).toHaveProperty('value', '9');
    // The call-taker overrides the type's default (the browser's arrow keys work too; jsdom has no stepper).
    await user.keyboard('{Backspace}{Backspace}10');
    expect(priority).toHaveProperty('value', '10');
    await user.keyboard('{Tab}ben thanh');
    await screen.findByRole('option', { name: /Chợ Bến Thành/ });
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(screen.getByRole('combobox', { name: /^Address/ })).toHaveProperty('value', 'Chợ Bến Thành');
    await user.keyboard('{Tab}smoke from the second floor');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(server.created).toEqual([
      {
        type: 'fire',
        subtype: 'structure-fire',
        priority: 10,
        callId: call.id,
        location: { point: BEN_THANH.point, address: 'Chợ Bến Thành' },
        note: 'smoke from the second floor',
      },
    ]);
    expect(onDone.mock.calls[0]?.[1]).toBe('created');
  });

  it('names what is missing or wrong and creates nothing', async () => {
    const server = serve();
    const user = userEvent.setup();
    renderForm(makeCall({ state: 'answered', location: null }));

    await user.keyboard('{Control>}{Enter}{/Control}');
    const messages = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(messages).toEqual([
      'Choose the incident type from the list.',
      'Priority is a whole number from 0 to 10.',
      'The call has no location: choose an address from the list.',
    ]);
    // The first wrong field gets the focus, so the call-taker can fix it at once.
    expect(document.activeElement?.id).toBe('incident-type');

    await user.keyboard('cardiac{Enter}');
    await user.tab();
    await user.clear(screen.getByLabelText(/^Priority/));
    await user.keyboard('11{Tab}Bến Thành market');
    await user.keyboard('{Escape}{Control>}{Enter}{/Control}');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Priority is a whole number from 0 to 10.',
      'Choose an address from the list, or leave the field empty.',
    ]);
    expect(server.created).toEqual([]);
  });

  it("leaves the address empty to use the caller's location", async () => {
    const server = serve();
    const user = userEvent.setup();
    const call = makeCall({
      state: 'answered',
      location: {
        point: { lat: 10.77, lon: 106.7 },
        accuracyM: 30,
        source: 'pidf-lo',
        shape: null,
        method: null,
        at: null,
      },
    });
    renderForm(call);
    await user.keyboard('motorbike{Tab}{Tab}{Tab}{Control>}{Enter}{/Control}');
    await waitFor(() => expect(server.created).toHaveLength(1));
    expect(server.created[0]).toEqual({
      type: 'traffic',
      subtype: 'motorbike-crash',
      priority: 7,
      callId: call.id,
    });
  });

  it('shows open incidents nearby before creating, and links the call to one instead', async () => {
    const nearby: DuplicateCandidate = {
      incidentId: '00000000-0000-4000-8000-00000000a001',
      number: 'HCM-2026-000007',
      type: 'fire',
      subtype: 'market-fire',
      priority: 9,
      address: 'Chợ Bến Thành',
      distanceM: 40,
      ageSeconds: 300,
    };
    const server = serve([nearby]);
    const user = userEvent.setup();
    const call = makeCall({
      state: 'answered',
      location: {
        point: { lat: 10.7725, lon: 106.698 },
        accuracyM: 20,
        source: 'pidf-lo',
        shape: null,
        method: null,
        at: null,
      },
    });
    const { onDone } = renderForm(call);
    await user.keyboard('market fire{Enter}');
    await screen.findByText(/1 open incident\(s\) of this type nearby/);

    // The first Ctrl+Enter stops at the list: the focus moves to the first "link" button.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(server.created).toEqual([]);
    expect(document.activeElement?.textContent).toBe('Link call to HCM-2026-000007');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(server.linked).toEqual([{ incidentId: nearby.incidentId, body: { callId: call.id } }]);
    expect(onDone.mock.calls[0]?.[1]).toBe('linked');
  });
});
