// The people on the wall display in a fixed order: call-takers first (not ready longest on top, since that is
// what a supervisor acts on), then dispatchers and supervisors; and when time in state becomes a problem.
import type { PersonState, WallboardPerson } from '@hcm112/shared';

/** Not ready for this long is flagged (issue: "who has been not-ready for 20 minutes"). */
export const NOT_READY_FLAG_SECONDS = 20 * 60;

const ROLE_ORDER = { 'call-taker': 0, dispatcher: 1, supervisor: 2 } as const;
const STATE_ORDER: Readonly<Record<PersonState, number>> = {
  'not-ready': 0,
  ringing: 1,
  'on-call': 2,
  'wrap-up': 3,
  ready: 4,
  offline: 5,
  'console-open': 6,
  'signed-in': 7,
};

export function sortedPeople(people: readonly WallboardPerson[]): WallboardPerson[] {
  return [...people].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      Date.parse(a.since) - Date.parse(b.since) ||
      a.displayName.localeCompare(b.displayName),
  );
}

export function secondsInState(person: WallboardPerson, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(person.since)) / 1000));
}

export function personFlagged(person: WallboardPerson, now: number): boolean {
  return person.state === 'not-ready' && secondsInState(person, now) >= NOT_READY_FLAG_SECONDS;
}

/** A duration as a wall clock reads it from afar: 0:45, 12:05, 1:12:05. */
export function clockDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}
