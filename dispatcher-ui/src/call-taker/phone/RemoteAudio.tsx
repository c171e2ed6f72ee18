// The caller's voice: the softphone's remote stream played on the chosen speaker (setSinkId where the browser has it).
import { useEffect, useRef } from 'react';

export function RemoteAudio({ stream, speakerId }: { stream: MediaStream | null; speakerId: string | null }) {
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    el.srcObject = stream;
    if (stream) void el.play().catch(() => {});
  }, [stream]);
  useEffect(() => {
    const el = audio.current;
    // A speaker unplugged since it was chosen falls back to the default output rather than to silence.
    if (el && 'setSinkId' in el) void el.setSinkId(speakerId ?? '').catch(() => el.setSinkId(''));
  }, [speakerId]);
  // biome-ignore lint/a11y/useMediaCaption: a live phone call has no captions to offer
  return <audio ref={audio} autoPlay data-testid="remote-audio" />;
}
