// The open text sessions and their messages, kept live from the "calls" stream.
import type { RealtimeEvent, TextMessage, TextSession } from '@hcm112/shared';
import { useCallback } from 'react';
import { useLiveState } from '../realtime/useLiveState.ts';
import { fetchTextSessions, fetchTranscript } from './api.ts';

export interface TextState {
  sessions: Record<string, TextSession>;
  messages: Record<string, TextMessage[]>;
  /** No call control offers texts (it is away): a call-taker takes a queued one from the list. */
  takeByHand: boolean;
}

const EMPTY: TextState = { sessions: {}, messages: {}, takeByHand: false };

function withMessage(state: TextState, message: TextMessage): TextState {
  const list = state.messages[message.sessionId] ?? [];
  if (list.some((m) => m.id === message.id)) return state;
  const next = [...list, message].sort((a, b) => a.id - b.id);
  return { ...state, messages: { ...state.messages, [message.sessionId]: next } };
}

export function applyTextEvent(state: TextState, event: RealtimeEvent): TextState {
  if (event.type === 'text.session')
    return { ...state, sessions: { ...state.sessions, [event.session.id]: event.session } };
  if (event.type === 'text.message') return withMessage(state, event.message);
  return state;
}

/** `withTranscripts`: also fetch each open session's messages (the console); the wallboard counts sessions only. */
export function useTextSessions(withTranscripts = true) {
  const live = useLiveState<TextState>({
    streams: ['calls'],
    initial: EMPTY,
    load: async () => {
      const { sessions, takeByHand } = await fetchTextSessions();
      const transcripts = withTranscripts
        ? await Promise.all(sessions.map((s) => fetchTranscript(s.id)))
        : [];
      return () => ({
        takeByHand,
        sessions: Object.fromEntries(sessions.map((s) => [s.id, s])),
        messages: Object.fromEntries(transcripts.map((t) => [t.session.id, t.messages])),
      });
    },
    apply: applyTextEvent,
  });
  const { update } = live;
  const putMessage = useCallback((m: TextMessage) => update((s) => withMessage(s, m)), [update]);
  const putSession = useCallback(
    (session: TextSession) => update((s) => ({ ...s, sessions: { ...s.sessions, [session.id]: session } })),
    [update],
  );
  return { ...live, putMessage, putSession };
}
