// The workstation's microphone while the softphone is on: opened once (so answering is instant), reopened when
// another is chosen or the device goes away, closed in desk-phone mode; the device lists follow plugs and unplugs.
import { useCallback, useEffect, useState } from 'react';
import {
  type AudioDevices,
  closeMicrophone,
  listAudioDevices,
  type MicrophoneState,
  openMicrophone,
} from './microphone.ts';
import { storeDevice, storedDevice } from './phone-prefs.ts';

export function useMicrophone(enabled: boolean) {
  const [microphoneId, setMicrophoneId] = useState(() => storedDevice('microphone'));
  const [speakerId, setSpeakerId] = useState(() => storedDevice('speaker'));
  const [state, setState] = useState<MicrophoneState>({ status: 'off' });
  const [devices, setDevices] = useState<AudioDevices>({ microphones: [], speakers: [] });
  // Bumped when the open microphone stops (unplugged), to open again and learn what is there now.
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt opens the microphone again
  useEffect(() => {
    if (!enabled) return;
    let current: MicrophoneState = { status: 'opening' };
    let cancelled = false;
    setState(current);
    void openMicrophone(microphoneId).then(async (opened) => {
      if (cancelled) return closeMicrophone(opened);
      current = opened;
      setState(opened);
      if (opened.status === 'open')
        for (const track of opened.stream.getAudioTracks())
          track.addEventListener('ended', () => setAttempt((n) => n + 1));
      setDevices(await listAudioDevices());
    });
    return () => {
      cancelled = true;
      closeMicrophone(current);
      setState({ status: 'off' });
    };
  }, [enabled, microphoneId, attempt]);

  // A plug or unplug refreshes the lists, and tries again if there was no microphone to open.
  const failed = state.status === 'failed';
  useEffect(() => {
    const media = globalThis.navigator?.mediaDevices;
    if (!enabled || !media?.addEventListener) return;
    const changed = () => {
      void listAudioDevices().then(setDevices);
      if (failed) setAttempt((n) => n + 1);
    };
    media.addEventListener('devicechange', changed);
    return () => media.removeEventListener('devicechange', changed);
  }, [enabled, failed]);

  const chooseMicrophone = useCallback((id: string | null) => {
    storeDevice('microphone', id);
    setMicrophoneId(id);
  }, []);
  const chooseSpeaker = useCallback((id: string | null) => {
    storeDevice('speaker', id);
    setSpeakerId(id);
  }, []);

  return { state, devices, microphoneId, speakerId, chooseMicrophone, chooseSpeaker };
}
