// After a committed change: push the incident to consoles and tell in-process listeners (cameras).
import type { Incident } from '@hcm112/shared';
import type { Actor } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';

export async function announceIncident(
  ctx: AppContext,
  incident: Incident,
  actor: Actor,
  previous?: Incident,
  updated = false,
): Promise<void> {
  const type = previous || updated ? 'incident.updated' : 'incident.created';
  await ctx.events.publish({ type, incident });
  ctx.domain.emit('incident.changed', { incident, previous, actor });
}
