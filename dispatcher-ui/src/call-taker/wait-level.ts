// How urgent a caller's wait is: normal under 10 s, amber from 10 s, red from 15 s (the answer-time targets are
// 90 % within 15 s and 95 % within 20 s, so a call turns red while there is still time to meet the second one).
export type WaitLevel = 'normal' | 'warning' | 'overdue';

export const WAIT_WARNING_SECONDS = 10;
export const WAIT_OVERDUE_SECONDS = 15;

export function waitLevel(waitSeconds: number): WaitLevel {
  if (waitSeconds >= WAIT_OVERDUE_SECONDS) return 'overdue';
  if (waitSeconds >= WAIT_WARNING_SECONDS) return 'warning';
  return 'normal';
}

/** Seconds a caller has waited at `now`, never negative (a client clock slightly behind the server's). */
export function waitedSeconds(arrivedAt: string, now: number, clockOffsetMs = 0): number {
  return Math.max(0, (now + clockOffsetMs - Date.parse(arrivedAt)) / 1000);
}

/**
 * How far the server's clock is ahead of this browser's, from queue rows that carry the server's own
 * `waitSeconds`: waits then count from the server's view even when the console's clock is off.
 */
export function serverClockOffset(
  rows: readonly { arrivedAt: string; waitSeconds: number }[],
  fetchedAt: number,
): number {
  if (rows.length === 0) return 0;
  const offsets = rows
    .map((r) => Date.parse(r.arrivedAt) + r.waitSeconds * 1000 - fetchedAt)
    .sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)] ?? 0;
}
