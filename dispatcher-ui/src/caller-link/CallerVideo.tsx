// Live video from the caller's phone, shown once the caller consented and the phone sends it (the server refuses
// any other): this console's own WebRTC subscription to it through rtpengine.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import './caller-link.css';
import { useRealtimeClient } from '../realtime/RealtimeProvider.tsx';
import { answerVideo, fetchVideoState, watchVideo } from './api.ts';

/** Whether the call has live video now: asked once, then told by call.video events. */
function useVideoLive(callId: string): boolean {
  const client = useRealtimeClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    let current = true;
    fetchVideoState(callId).then(
      (v) => {
        if (current && v.live) setLive(true);
      },
      () => {},
    );
    const off = client.onEvent(({ event }) => {
      if (event.type === 'call.video' && event.video.callId === callId) setLive(event.video.live);
    });
    return () => {
      current = false;
      off();
    };
  }, [callId, client]);
  return live;
}

async function subscribe(callId: string, video: HTMLVideoElement): Promise<RTCPeerConnection> {
  const offer = await watchVideo(callId);
  const pc = new RTCPeerConnection();
  pc.addEventListener('track', (e) => {
    video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') resolve();
    });
    setTimeout(resolve, 3000);
  });
  await answerVideo(callId, { viewer: offer.viewer, sdp: pc.localDescription?.sdp ?? '' });
  return pc;
}

export function CallerVideo({ callId }: { callId: string }) {
  const t = useT();
  const live = useVideoLive(callId);
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!live || !video.current) return;
    let pc: RTCPeerConnection | null = null;
    let current = true;
    subscribe(callId, video.current).then(
      (p) => {
        if (current) pc = p;
        else p.close();
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
      pc?.close();
    };
  }, [live, callId]);
  if (!live) return null;
  return (
    <section className="caller-video" aria-label={t('link.videoHeading')}>
      <h3>{t('link.videoHeading')}</h3>
      <video ref={video} data-testid="caller-video" autoPlay muted playsInline />
      {failed ? <p className="alert-box">{t('link.videoFailed')}</p> : null}
    </section>
  );
}
