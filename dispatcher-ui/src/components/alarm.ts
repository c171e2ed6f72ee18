// A short two-tone alarm through WebAudio for things that must not be missed on screen (escalated incidents).
let context: AudioContext | undefined;

/** Plays the alarm; a browser without WebAudio, or one that has not allowed sound yet, stays silent. */
export function soundAlarm(): void {
  const Context = globalThis.AudioContext as (new () => AudioContext) | undefined;
  if (!Context) return;
  try {
    context ??= new Context();
    const start = context.currentTime;
    for (const [i, hz] of [880, 660, 880].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.2, start + i * 0.2);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.2 + 0.18);
      osc.connect(gain).connect(context.destination);
      osc.start(start + i * 0.2);
      osc.stop(start + i * 0.2 + 0.19);
    }
  } catch {
    // No sound is better than a broken console.
  }
}
