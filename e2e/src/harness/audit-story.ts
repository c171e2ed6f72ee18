// Reads the audit log the way a supervisor does (GET /api/audit, page by page) and checks that it tells a story:
// the expected actions appear in the expected order among everything else that was recorded.
import type { AuditEntry } from '@hcm112/shared';
import type { ApiClient } from './api-client.ts';

/** Every audit entry about one of `targetIds`, oldest first. */
export async function auditAbout(supervisor: ApiClient, targetIds: string[]): Promise<AuditEntry[]> {
  const wanted = new Set(targetIds);
  const found: AuditEntry[] = [];
  let afterId = 0;
  for (;;) {
    const { entries } = await supervisor.expectJson<{ entries: AuditEntry[] }>(
      'GET',
      `/audit?afterId=${afterId}&limit=500`,
    );
    if (entries.length === 0) return found;
    for (const e of entries) if (e.targetId && wanted.has(e.targetId)) found.push(e);
    afterId = Math.max(...entries.map((e) => e.id));
  }
}

/** One line of the story: an action, optionally by a given actor. */
export interface StoryLine {
  action: string;
  actor?: string;
}

/**
 * The lines of `story` that the log does not tell in that order (an empty list: the whole story is there).
 * Other entries may come in between, since the log also holds what the system did around it.
 */
export function missingFromStory(entries: AuditEntry[], story: StoryLine[]): StoryLine[] {
  let at = 0;
  for (const [i, line] of story.entries()) {
    const next = entries.findIndex(
      (e, j) => j >= at && e.action === line.action && (!line.actor || e.actorName === line.actor),
    );
    if (next < 0) return story.slice(i);
    at = next + 1;
  }
  return [];
}
