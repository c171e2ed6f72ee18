// The ring tone of an offered call, made with WebAudio (no sound file to ship or load) and played on the chosen
// output device where the browser can route audio (AudioContext.setSinkId, else an <audio> element's).
// The softphone's device chooser calls setOutputDevice; the console starts and stops the ring.

/** What the ringer needs of the browser, so tests and browsers without WebAudio can do without it. */
interface SinkableContext extends AudioContext {
  setSinkId?(sinkId: string): Promise<void>;
}

/** European-style ring cadence (425 Hz, 1 s on, 4 s off) is familiar on Vietnamese networks too. */
const TONE_HZ = 425;
const ON_S = 1;
const PERIOD_S = 5;
/** How far ahead the cadence is scheduled; topped up while ringing. */
const AHEAD_PERIODS = 12;

class Ringer {
  private context: SinkableContext | null = null;
  private element: HTMLAudioElement | null = null;
  private gain: GainNode | null = null;
  private oscillator: OscillatorNode | null = null;
  private topUp: ReturnType<typeof setInterval> | null = null;
  private outputDevice: string | undefined;

  get ringing(): boolean {
    return this.oscillator !== null;
  }

  /** The output device the softphone's chooser picked ('' or undefined: the system default). */
  setOutputDevice(sinkId: string | undefined): void {
    this.outputDevice = sinkId || undefined;
  }

  /**
   * Creates (or resumes) the audio context inside a user gesture, such as the click on "Go ready": browsers
   * keep audio started without one silent.
   */
  prime(): void {
    const context = this.ensureContext();
    if (context?.state === 'suspended') void context.resume().catch(() => undefined);
  }

  /** Rings until stop(); a second start while ringing changes nothing. */
  start(sinkId: string | undefined = this.outputDevice): void {
    if (this.ringing) return;
    const context = this.ensureContext();
    if (!context) return;
    const gain = context.createGain();
    gain.gain.value = 0;
    const oscillator = context.createOscillator();
    oscillator.frequency.value = TONE_HZ;
    oscillator.connect(gain);
    gain.connect(this.destination(context, sinkId));
    oscillator.start();
    this.gain = gain;
    this.oscillator = oscillator;
    let from = context.currentTime;
    const schedule = () => {
      for (let i = 0; i < AHEAD_PERIODS; i += 1) {
        const t = from + i * PERIOD_S;
        gain.gain.setValueAtTime(0.25, t);
        gain.gain.setValueAtTime(0, t + ON_S);
      }
      from += AHEAD_PERIODS * PERIOD_S;
    };
    schedule();
    this.topUp = setInterval(schedule, ((AHEAD_PERIODS * PERIOD_S) / 2) * 1000);
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
  }

  stop(): void {
    if (this.topUp) clearInterval(this.topUp);
    this.topUp = null;
    this.oscillator?.stop();
    this.oscillator?.disconnect();
    this.gain?.disconnect();
    this.oscillator = null;
    this.gain = null;
    this.element?.pause();
  }

  private ensureContext(): SinkableContext | null {
    if (this.context) return this.context;
    const Context = globalThis.AudioContext as (new () => SinkableContext) | undefined;
    if (!Context) return null;
    this.context = new Context();
    return this.context;
  }

  /**
   * Where the tone goes: the context's output (moved to the device where the context can be), or an <audio>
   * element on that device when only media elements can choose one.
   */
  private destination(context: SinkableContext, sinkId: string | undefined): AudioNode {
    const elementOnly = !context.setSinkId && 'setSinkId' in HTMLMediaElement.prototype;
    if (!sinkId || !elementOnly) {
      if (sinkId) void context.setSinkId?.(sinkId).catch(() => undefined);
      return context.destination;
    }
    const stream = context.createMediaStreamDestination();
    this.element ??= new Audio();
    this.element.srcObject = stream.stream;
    // A device unplugged since it was chosen: the element plays on the default output.
    void this.element
      .setSinkId(sinkId)
      .catch(() => undefined)
      .then(() => this.element?.play())
      .catch(() => undefined);
    return stream;
  }
}

/** The console's one ringer. */
export const ringer = new Ringer();
