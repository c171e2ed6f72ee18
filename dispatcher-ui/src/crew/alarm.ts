// The loud assignment alert: a two-tone siren through WebAudio at full volume and the phone vibrating, repeated
// until the crew acknowledges. The audio context is opened on a touch (Start duty), as browsers require.
let context: AudioContext | null = null;

/** Call from a touch handler so that later alerts may sound. */
export function unlockAudio(): void {
  context ??= new AudioContext();
  void context.resume();
}

function tone(ctx: AudioContext, frequency: number, start: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.9, start);
  gain.gain.setValueAtTime(0, start + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + seconds);
}

/** Starts the alert; returns the function that stops it. */
export function startAlarm(): () => void {
  const round = () => {
    if (context) {
      const t = context.currentTime;
      for (let i = 0; i < 4; i++) {
        tone(context, 960, t + i * 0.5, 0.25);
        tone(context, 720, t + i * 0.5 + 0.25, 0.25);
      }
    }
    navigator.vibrate?.([600, 200, 600, 200, 600]);
  };
  round();
  const timer = setInterval(round, 2500);
  return () => {
    clearInterval(timer);
    navigator.vibrate?.(0);
  };
}
