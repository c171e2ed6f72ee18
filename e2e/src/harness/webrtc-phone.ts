// A browser call-taker's phone for media tests, without the console: SIP over WebSocket spoken from Node (as in
// RFC 7118), the media by Chromium's own WebRTC stack (ICE, DTLS-SRTP) with a fake microphone playing a known
// file, and what the page hears measured by frequency in the page (Web Audio).
import type { Page } from 'playwright-core';
import WebSocket from 'ws';

const headers = (msg: string, name: string) =>
  msg.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));

function reply(request: string, status: string, extra: string[] = [], body = ''): string {
  const head = [
    `SIP/2.0 ${status}`,
    ...headers(request, 'Via'),
    ...headers(request, 'Record-Route'),
    ...headers(request, 'From'),
    ...headers(request, 'To').map((to) => (/;tag=/.test(to) ? to : `${to};tag=webrtc`)),
    ...headers(request, 'Call-ID'),
    ...headers(request, 'CSeq'),
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

export interface WebrtcPhone {
  registered: Promise<number>;
  /** The SDP offer of the first INVITE, as the browser received it. */
  offer: Promise<string>;
  /** Resolves once a BYE ended the call. */
  ended: Promise<void>;
  close(): void;
}

/** Registers `extension` over ws:// and answers the first INVITE with the page's WebRTC answer. */
export function startWebrtcPhone(wsPort: number, extension: string, page: Page): WebrtcPhone {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}`, 'sip');
  const contact = `Contact: <sip:${extension}@${extension}.invalid;transport=ws>`;
  const settle = <T>() => {
    let resolve: (v: T) => void = () => {};
    const promise = new Promise<T>((ok) => {
      resolve = ok;
    });
    return { promise, resolve };
  };
  const registered = settle<number>();
  const offer = settle<string>();
  const ended = settle<void>();
  ws.on('open', () => {
    const register = [
      'REGISTER sip:127.0.0.1 SIP/2.0',
      `Via: SIP/2.0/WS ${extension}.invalid;branch=z9hG4bK${Date.now()}`,
      `From: <sip:${extension}@127.0.0.1>;tag=reg${extension}`,
      `To: <sip:${extension}@127.0.0.1>`,
      `Call-ID: webrtc-reg-${extension}-${Date.now()}`,
      'CSeq: 1 REGISTER',
      contact,
      'Expires: 600',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ];
    ws.send(`${register.join('\r\n')}\r\n\r\n`);
  });
  ws.on('message', (data) => {
    const msg = data.toString();
    const first = msg.split('\r\n')[0] ?? '';
    if (first.startsWith('SIP/2.0')) {
      if (headers(msg, 'CSeq')[0]?.endsWith('REGISTER')) registered.resolve(Number(first.split(' ')[1]));
      return;
    }
    if (first.startsWith('INVITE')) {
      ws.send(reply(msg, '180 Ringing', [contact]));
      const sdp = msg.slice(msg.indexOf('\r\n\r\n') + 4);
      offer.resolve(sdp);
      // A page that cannot take the offer refuses the call, as a browser phone would.
      answerInPage(page, sdp).then(
        (answer) => ws.send(reply(msg, '200 OK', [contact, 'Content-Type: application/sdp'], answer)),
        () => ws.send(reply(msg, '488 Not Acceptable Here')),
      );
    } else if (first.startsWith('BYE')) {
      ws.send(reply(msg, '200 OK'));
      ended.resolve();
    }
  });
  return {
    registered: registered.promise,
    offer: offer.promise,
    ended: ended.promise,
    close: () => ws.close(),
  };
}

/** The page takes the offer with its fake microphone and returns its answer once ICE gathering is done. */
function answerInPage(page: Page, offer: string): Promise<string> {
  return page.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of mic.getTracks()) pc.addTrack(track, mic);
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 8192;
    pc.ontrack = (e) => {
      // Chromium plays a remote WebRTC stream into Web Audio only when it is also attached to an element.
      const sink = new Audio();
      sink.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      sink.muted = true;
      void sink.play();
      audio.createMediaStreamSource(sink.srcObject as MediaStream).connect(analyser);
    };
    Object.assign(window, { e112Analyser: analyser, e112Audio: audio, e112Pc: pc });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise<void>((done) => {
      if (pc.iceGatheringState === 'complete') return done();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
    });
    return pc.localDescription?.sdp ?? '';
  }, offer);
}

/** How many times stronger `hz` is than `other` in what the page hears now (a power ratio); 0 before a call. */
export async function heardRatio(page: Page, hz: number, other: number): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const w = window as unknown as { e112Analyser?: AnalyserNode; e112Audio: AudioContext };
      const analyser = w.e112Analyser;
      if (!analyser) return 0; // no call yet
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      const binOf = (f: number) => Math.round((f / w.e112Audio.sampleRate) * analyser.fftSize);
      const peak = (f: number) => Math.max(...[-2, -1, 0, 1, 2].map((d) => bins[binOf(f) + d] ?? -Infinity));
      return 10 ** ((peak(a) - peak(b)) / 10);
    },
    [hz, other] as const,
  );
}
