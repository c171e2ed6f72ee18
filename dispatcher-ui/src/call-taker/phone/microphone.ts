// The workstation's audio devices: opening the chosen microphone (and saying why it cannot be), listing
// microphones and speakers, and the microphone's level for the meter.

export type MicrophoneProblem = 'missing' | 'refused' | 'busy' | 'unsupported';

export type MicrophoneState =
  | { status: 'off' }
  | { status: 'opening' }
  | { status: 'open'; stream: MediaStream }
  | { status: 'failed'; problem: MicrophoneProblem };

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface AudioDevices {
  microphones: AudioDevice[];
  speakers: AudioDevice[];
}

/** Names the reason getUserMedia gave, as a call-taker can act on it. */
export function microphoneProblemOf(err: unknown): MicrophoneProblem {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'unsupported';
}

export async function openMicrophone(deviceId: string | null): Promise<MicrophoneState> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return { status: 'failed', problem: 'unsupported' };
  try {
    const audio: MediaTrackConstraints = {
      echoCancellation: true,
      noiseSuppression: true,
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    };
    return { status: 'open', stream: await media.getUserMedia({ audio, video: false }) };
  } catch (err) {
    return { status: 'failed', problem: microphoneProblemOf(err) };
  }
}

export function closeMicrophone(state: MicrophoneState): void {
  if (state.status === 'open') for (const track of state.stream.getTracks()) track.stop();
}

/** Microphones and speakers; labels are empty until the page may use the microphone, so a number stands in. */
export async function listAudioDevices(): Promise<AudioDevices> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.enumerateDevices) return { microphones: [], speakers: [] };
  const devices = await media.enumerateDevices();
  const of = (kind: MediaDeviceKind): AudioDevice[] =>
    devices
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({
        deviceId: d.deviceId,
        label: d.label || `#${i + 1}`,
      }));
  return { microphones: of('audioinput'), speakers: of('audiooutput') };
}

/** Chromium lets a page choose the speaker of a media element; other browsers play on the default one. */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * Calls `onLevel` about 15 times a second with the microphone's loudness (RMS, 0 to 1) until the returned stop
 * function is called.
 */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 3));
  }, 66);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close();
  };
}
