// The recordings of the caller's video (sent through a location link) beside the call's audio: each one's state,
// and a player that fetches the file only when asked (each playback is audited) and says so when the server
// refuses an altered or missing file.
import { CallRecording } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { get } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useRecordingFile } from './recording-file.ts';

const VideoRecordingsBody = z.object({ recordings: z.array(CallRecording) });

export function VideoRecordings({ callId }: { callId: string }) {
  const [recordings, setRecordings] = useState<CallRecording[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get(`/calls/${callId}/video-recordings`, VideoRecordingsBody).then(
      (body) => setRecordings(body.recordings),
      setError,
    );
  }, [callId]);
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      {recordings.map((r) => (
        <VideoRecording key={r.id} recording={r} />
      ))}
    </>
  );
}

function VideoRecording({ recording }: { recording: CallRecording }) {
  const t = useT();
  const file = `/api/calls/${recording.callId}/video-recordings/${recording.id}/video`;
  const video = useRecordingFile(file, 'video');

  if (recording.status === 'not-recorded')
    return (
      <p className="alert-box" role="alert">
        {t('recording.videoNotRecorded', { reason: recording.reason ?? '' })}
      </p>
    );
  if (recording.status === 'deleted')
    return <p className="muted">{t('recording.deleted', { at: recording.deletedAt ?? '' })}</p>;
  return (
    <div className="recording-player video-recording" data-recording-id={recording.id}>
      <span className="muted">
        {t('recording.video')} · {Math.round((recording.durationMs ?? 0) / 1000)} s
        {recording.held ? ` · ${t('recording.held')}` : ''}
      </span>{' '}
      {video.url ? (
        <video controls autoPlay muted src={video.url} data-testid="video-recording" />
      ) : (
        <button type="button" className="btn" onClick={() => void video.play()}>
          {t('recording.playVideo')}
        </button>
      )}{' '}
      <a className="btn" href={`${file}?download=1`}>
        {t('recording.download')}
      </a>
      {video.failure ? (
        <p className="alert-box" role="alert">
          {video.failure}
        </p>
      ) : null}
    </div>
  );
}
