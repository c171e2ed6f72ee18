// One row of the append-only audit log: who did what to which target, when, and what changed.
import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actorId: z.uuid().nullable(),
  /** Username, unit callsign, or "system" / "telephony" for automatic actions. */
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
