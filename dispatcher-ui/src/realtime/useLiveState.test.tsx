import type { Incident } from '@hcm112/shared';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { at, makeIncident } from '../test/factories.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { RealtimeProvider } from './RealtimeProvider.tsx';
import {
  applyIncidentEvent,
  emptyIncidents,
  loadIncidents,
  openIncidentsByPriority,
} from './reducers/incidents.ts';
import { useLiveState } from './useLiveState.ts';

function Incidents({ load }: { load: () => Promise<Incident[]> }) {
  const live = useLiveState({
    streams: ['incidents'],
    initial: emptyIncidents,
    load: async () => {
      const list = await load();
      return () => loadIncidents(list);
    },
    apply: applyIncidentEvent,
  });
  return (
    <ul>
      {openIncidentsByPriority(live.state).map((i) => (
        <li key={i.id}>{i.number}</li>
      ))}
    </ul>
  );
}

describe('live state', () => {
  it('keeps an event that arrives while the list is being fetched, and the fetched list', async () => {
    const sockets: FakeSocket[] = [];
    const pending: Array<(list: Incident[]) => void> = [];
    const load = () => new Promise<Incident[]>((resolve) => pending.push(resolve));
    render(
      <RealtimeProvider
        userRole="dispatcher"
        openSocket={() => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        }}
      >
        <Incidents load={load} />
      </RealtimeProvider>,
    );
    const socket = sockets.at(-1)!;
    act(() => {
      socket.open();
      socket.receive({ type: 'subscribed', streams: ['incidents'], heads: { incidents: 4 } });
    });
    const fetched = makeIncident({ number: 'HCM-2026-000010' });
    const arrived = makeIncident({ number: 'HCM-2026-000011', createdAt: at(30), updatedAt: at(30) });
    act(() => {
      socket.receive({
        type: 'event',
        envelope: {
          stream: 'incidents',
          seq: 5,
          at: at(30),
          event: { type: 'incident.created', incident: arrived },
        },
      });
    });
    // The fetch started after subscribing answers now, without the incident created meanwhile.
    await act(async () => {
      for (const resolve of pending) resolve([fetched]);
    });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'HCM-2026-000010',
      'HCM-2026-000011',
    ]);
  });
});
