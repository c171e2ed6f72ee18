// What call control's events on a text session's call row mean for the session: one that waited too long with an
// overflow destination is sent there (with what the citizen wrote so far).
import type { Call, CallEvent } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { sessionOfCall } from './repository.ts';
import { overflowWaitedSession } from './service.ts';

export async function onTextCallEvent(ctx: AppContext, e: CallEvent, call: Call): Promise<void> {
  if (e.type !== 'overflowed' || !e.destination) return;
  const session = await sessionOfCall(ctx.db, call.id);
  if (session) await overflowWaitedSession(ctx, session, e.destination);
}
