// The console's phone preferences, kept in this browser: each call-taker's phone mode (softphone or desk phone),
// and the workstation's chosen microphone and speaker. The phone belongs to the seat, so the browser keeps them.
import { PhoneMode } from '@hcm112/shared';

const modeKey = (userId: string) => `hcm112.phoneMode.${userId}`;
const MIC_KEY = 'hcm112.microphone';
const SPEAKER_KEY = 'hcm112.speaker';

/** The console softphone unless this call-taker chose a desk phone at this workstation. */
export function storedPhoneMode(userId: string): PhoneMode {
  const parsed = PhoneMode.safeParse(globalThis.localStorage?.getItem(modeKey(userId)));
  return parsed.success ? parsed.data : 'softphone';
}

export function storePhoneMode(userId: string, mode: PhoneMode): void {
  globalThis.localStorage?.setItem(modeKey(userId), mode);
}

export function storedDevice(kind: 'microphone' | 'speaker'): string | null {
  return globalThis.localStorage?.getItem(kind === 'microphone' ? MIC_KEY : SPEAKER_KEY) || null;
}

export function storeDevice(kind: 'microphone' | 'speaker', deviceId: string | null): void {
  const key = kind === 'microphone' ? MIC_KEY : SPEAKER_KEY;
  if (deviceId) globalThis.localStorage?.setItem(key, deviceId);
  else globalThis.localStorage?.removeItem(key);
}
