// A call's recording for supervisors and dispatchers: its state, and a player that fetches the file only when
// asked (each playback is audited) and says so when the server refuses an altered or missing file.
import { CallRecording } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { ApiError, get } from '../api/http.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useRecordingFile } from './recording-file.ts';
import { VideoRecordings } from './VideoRecordings.tsx';

const RecordingBody = z.object({ recording: CallRecording });

export function RecordingPlayer({ callId }: { callId: string }) {
  const t = useT();
  const [recording, setRecording] = useState<CallRecording | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    get(`/calls/${callId}/recording`, RecordingBody).then(
      (body) => setRecording(body.recording),
      (err: unknown) => (err instanceof ApiError && err.status === 404 ? setRecording(null) : setError(err)),
    );
  }, [callId]);
  const audio = useRecordingFile(`/api/calls/${callId}/recording/audio`, 'audio');

  if (error) return <ErrorNotice error={error} />;
  if (recording === undefined) return null;
  if (recording === null) return <p className="muted">{t('recording.pending')}</p>;
  if (recording.status === 'not-recorded')
    return (
      <p className="alert-box" role="alert">
        {t('recording.notRecorded', { reason: recording.reason ?? '' })}
      </p>
    );
  if (recording.status === 'deleted')
    return <p className="muted">{t('recording.deleted', { at: recording.deletedAt ?? '' })}</p>;
  return (
    <div className="recording-player" data-call-id={callId}>
      <span className="muted">
        {t('recording.caller')} · {Math.round((recording.durationMs ?? 0) / 1000)} s
        {recording.held ? ` · ${t('recording.held')}` : ''}
      </span>{' '}
      {audio.url ? (
        // biome-ignore lint/a11y/useMediaCaption: a call recording has no captions to offer
        <audio controls autoPlay src={audio.url} />
      ) : (
        <button type="button" className="btn" onClick={() => void audio.play()}>
          {t('recording.play')}
        </button>
      )}{' '}
      <a className="btn" href={`/api/calls/${callId}/recording/audio?download=1`}>
        {t('recording.download')}
      </a>
      {audio.failure ? (
        <p className="alert-box" role="alert">
          {audio.failure}
        </p>
      ) : null}
    </div>
  );
}

/** The recordings of an incident's calls, for its timeline. */
export function IncidentRecordings({ callIds }: { callIds: string[] }) {
  const t = useT();
  if (callIds.length === 0) return null;
  return (
    <section aria-labelledby="recordings-heading">
      <h3 id="recordings-heading">{t('recording.heading')}</h3>
      <ul className="plain-list">
        {callIds.map((id) => (
          <li key={id}>
            <RecordingPlayer callId={id} />
            <VideoRecordings callId={id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
