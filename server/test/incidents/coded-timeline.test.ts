// The timeline lines the server writes carry a code and parameters (each console renders them in its language)
// beside the English text older readers show, and name their author by display name, not username.
import type { Incident, IncidentNote, Recommendation } from '@hcm112/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer({ city: true });
let ct: Client;
let dsp: Client;
beforeAll(async () => {
  [ct, dsp] = await stack.loginEach('call-taker', 'dispatcher');
});

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

const lineOf = (incident: Incident, code: IncidentNote['code']) =>
  incident.notes.find((n) => n.code === code);

describe('coded timeline lines', () => {
  it('writes dispatch, status, move, close and reopen lines with codes, params and the display name', async () => {
    const { incident } = await json<{ incident: Incident }>(
      await ct.fetch('/api/incidents', {
        method: 'POST',
        json: {
          type: 'fire',
          subtype: 'structure-fire',
          location: { point: { lat: 10.78, lon: 106.7 }, address: '1 Lê Lợi' },
          note: 'smoke from the roof',
        },
      }),
      201,
    );
    const { recommendations } = await json<{ recommendations: Recommendation[] }>(
      await dsp.fetch(`/api/incidents/${incident.id}/recommendations`),
    );
    const { unitId, callsign } = recommendations[0]!;
    await json(
      await dsp.fetch(`/api/incidents/${incident.id}/assignments`, {
        method: 'POST',
        json: { unitIds: [unitId] },
      }),
    );
    await json(
      await dsp.fetch(`/api/units/${unitId}/status`, { method: 'POST', json: { status: 'en-route' } }),
    );
    await json(
      await dsp.fetch(`/api/incidents/${incident.id}`, {
        method: 'PATCH',
        json: { location: { point: { lat: 10.781, lon: 106.701 }, address: '3 Lê Lợi' } },
      }),
    );
    await json(
      await dsp.fetch(`/api/incidents/${incident.id}/close`, {
        method: 'POST',
        json: { disposition: 'false-alarm', note: 'burning rubbish' },
      }),
    );
    const { incident: after } = await json<{ incident: Incident }>(
      await dsp.fetch(`/api/incidents/${incident.id}/reopen`, {
        method: 'POST',
        json: { reason: 'flames again' },
      }),
    );

    expect(lineOf(after, 'units.dispatched')).toMatchObject({
      params: { callsigns: callsign },
      text: `dispatched ${callsign}`,
      authorId: dsp.user.id,
      authorName: dsp.user.displayName,
    });
    expect(lineOf(after, 'unit.status')?.params).toEqual({ callsign, from: 'dispatched', to: 'en-route' });
    expect(lineOf(after, 'location.moved')?.params).toEqual({ lat: '10.78100', lon: '106.70100' });
    expect(lineOf(after, 'incident.closed')?.params).toEqual({
      disposition: 'false-alarm',
      note: 'burning rubbish',
    });
    expect(lineOf(after, 'incident.reopened')?.params).toEqual({ reason: 'flames again' });
    // A person's note has no code: it is shown as typed, under the display name of whoever typed it.
    const note = after.notes.find((n) => n.kind === 'note');
    expect(note).toMatchObject({ code: null, params: {}, text: 'smoke from the roof' });
    expect(note?.authorName).toBe(ct.user.displayName);
    expect(after.notes.every((n) => n.authorName !== dsp.user.username)).toBe(true);
  });
});
