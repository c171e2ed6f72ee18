// One camera's live picture: HLS through hls.js (or the browser's own player), MJPEG as an image stream,
// snapshots refreshed every two seconds. The feed URL comes from GET /api/cameras/:id/feed (audited).
import type { CameraFeed } from '@hcm112/shared';
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/http.ts';
import { fetchFeed } from '../dispatch/api.ts';
import { useT } from '../i18n/i18n.tsx';

const SNAPSHOT_EVERY_MS = 2000;

export function FeedPlayer({
  cameraId,
  incidentId,
  label,
}: {
  cameraId: string;
  /** The incident watched for (audited with the view); absent when judging a camera alert. */
  incidentId?: string;
  label: string;
}) {
  const t = useT();
  const [feed, setFeed] = useState<CameraFeed | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setFeed(null);
    setProblem(null);
    fetchFeed(cameraId, incidentId).then(
      (f) => current && setFeed(f),
      (err: unknown) => current && setProblem(isApiError(err) ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [cameraId, incidentId]);

  if (problem) {
    return (
      <div className="feed feed-problem" role="status" title={problem}>
        <span>
          <span aria-hidden="true">✕ </span>
          {t('cameras.unavailable', { reason: shortReason(problem) })}
        </span>
      </div>
    );
  }
  if (!feed) {
    return (
      <div className="feed feed-waiting" aria-busy="true">
        {t('cameras.starting')}
      </div>
    );
  }
  if (feed.kind === 'hls') return <HlsVideo url={feed.url} label={label} onProblem={setProblem} />;
  const broken = () => setProblem(t('cameras.noPicture'));
  if (feed.kind === 'mjpeg') {
    return <img className="feed" src={feed.url} alt={label} data-kind="mjpeg" onError={broken} />;
  }
  return <Snapshot url={feed.url} label={label} onError={broken} />;
}

/** The first clause of a server or player message: the full text stays in the tooltip. */
function shortReason(problem: string): string {
  const first = problem.split(/[:;]/)[0] ?? problem;
  return first.length > 60 ? `${first.slice(0, 60)}…` : first;
}

function HlsVideo({ url, label, onProblem }: { url: string; label: string; onProblem: (p: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    if (!Hls.isSupported()) {
      el.src = url;
      void el.play().catch(() => undefined);
      return;
    }
    const hls = new Hls({ liveSyncDurationCount: 2, lowLatencyMode: false, backBufferLength: 10 });
    let recovered = false;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      if (!recovered && data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        recovered = true;
        hls.recoverMediaError();
        return;
      }
      onProblem(data.details);
    });
    hls.loadSource(url);
    hls.attachMedia(el);
    hls.on(Hls.Events.MANIFEST_PARSED, () => void el.play().catch(() => undefined));
    return () => hls.destroy();
  }, [url, onProblem]);
  return <video ref={video} className="feed" muted playsInline autoPlay aria-label={label} data-kind="hls" />;
}

function Snapshot({ url, label, onError }: { url: string; label: string; onError: () => void }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), SNAPSHOT_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const sep = url.includes('?') ? '&' : '?';
  return (
    <img className="feed" src={`${url}${sep}t=${tick}`} alt={label} data-kind="snapshot" onError={onError} />
  );
}
