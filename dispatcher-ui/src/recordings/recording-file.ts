// A stored recording's file (a call's audio, a caller's video) fetched only when the user asks, since each
// fetch is audited by the server, and a refusal explained: an altered or missing file in words, anything else by
// its HTTP status.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';

export function useRecordingFile(file: string, kind: 'audio' | 'video') {
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  const play = async () => {
    setFailure(null);
    const res = await fetch(file, { credentials: 'same-origin' });
    if (res.ok) {
      setUrl(URL.createObjectURL(await res.blob()));
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { details?: { recording?: string } } };
    const why = body.error?.details?.recording;
    if (why !== 'tampered' && why !== 'missing') return setFailure(`HTTP ${res.status}`);
    setFailure(kind === 'video' ? t(`recording.videoFailed.${why}`) : t(`recording.failed.${why}`));
  };
  return { url, failure, play };
}
