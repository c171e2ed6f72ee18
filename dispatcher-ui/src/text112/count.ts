// How many text conversations wait for a call-taker and how many are in one's hands (the wallboard's figures).
import type { TextState } from './useTextSessions.ts';

export function countTexts(state: TextState): { queued: number; active: number } {
  const sessions = Object.values(state.sessions);
  return {
    queued: sessions.filter((s) => s.state === 'queued').length,
    active: sessions.filter((s) => s.state === 'active').length,
  };
}
