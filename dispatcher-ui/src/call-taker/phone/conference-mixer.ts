// A three-way conference mixed in the browser: the softphone holds the caller's and the other party's calls (an
// agency, a colleague) and mixes them in WebAudio, so the caller hears the call-taker and the agency, the agency
// hears the call-taker and the caller, and the call-taker hears both. Kamailio is a proxy and Debian packages no
// media mixer; rtpengine still relays and records each call on its own.
export class ConferenceMixer {
  private readonly context = new AudioContext();
  private readonly micGain: GainNode;
  private micSource: MediaStreamAudioSourceNode;
  /** Chromium feeds a remote WebRTC stream into WebAudio only while a media element plays it too. */
  private readonly keepAlive: HTMLAudioElement[] = [];
  private readonly toCallerNode: MediaStreamAudioDestinationNode;
  private readonly toOtherNode: MediaStreamAudioDestinationNode;
  private readonly headsetNode: MediaStreamAudioDestinationNode;

  constructor(microphone: MediaStream, caller: MediaStream, other: MediaStream) {
    const c = this.context;
    this.micGain = c.createGain();
    this.micSource = c.createMediaStreamSource(microphone);
    this.micSource.connect(this.micGain);
    const callerIn = this.remoteSource(caller);
    const otherIn = this.remoteSource(other);
    this.toCallerNode = c.createMediaStreamDestination();
    this.toOtherNode = c.createMediaStreamDestination();
    this.headsetNode = c.createMediaStreamDestination();
    this.micGain.connect(this.toCallerNode);
    otherIn.connect(this.toCallerNode);
    this.micGain.connect(this.toOtherNode);
    callerIn.connect(this.toOtherNode);
    callerIn.connect(this.headsetNode);
    otherIn.connect(this.headsetNode);
    void c.resume();
  }

  /** What the caller is sent: the call-taker and the other party. */
  get toCaller(): MediaStreamTrack {
    return this.toCallerNode.stream.getAudioTracks()[0]!;
  }

  /** What the other party is sent: the call-taker and the caller. */
  get toOther(): MediaStreamTrack {
    return this.toOtherNode.stream.getAudioTracks()[0]!;
  }

  /** What the call-taker hears: the caller and the other party. */
  get headset(): MediaStream {
    return this.headsetNode.stream;
  }

  /** Withdrawn: the call-taker stays on the line, heard by nobody. */
  setMicrophoneOn(on: boolean): void {
    this.micGain.gain.value = on ? 1 : 0;
  }

  /** Another microphone chosen (or one unplugged) mid-conference. */
  setMicrophone(microphone: MediaStream): void {
    this.micSource.disconnect();
    this.micSource = this.context.createMediaStreamSource(microphone);
    this.micSource.connect(this.micGain);
  }

  close(): void {
    for (const audio of this.keepAlive) audio.srcObject = null;
    void this.context.close();
  }

  private remoteSource(stream: MediaStream): MediaStreamAudioSourceNode {
    const audio = new Audio();
    audio.muted = true;
    audio.srcObject = stream;
    void audio.play().catch(() => {});
    this.keepAlive.push(audio);
    return this.context.createMediaStreamSource(stream);
  }
}
