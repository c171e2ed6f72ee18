// baresip as a call-taker's desk phone in tests: a real SIP phone that refuses what real phones refuse (it
// answers `500 Call Error` to a multipart INVITE), registered to Kamailio, answering on its own and speaking a
// known tone. Headless: aufile is its microphone, the account auto-answers, and sndfile keeps what it received
// (Debian's baresip 1.0 has no file player: its aufile is a source only).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { type DigestCredentials, ephemeralCredentials } from './sip-credentials.ts';
import type { SipEdge } from './sipp-peers.ts';
import { readChannels } from './tone.ts';
import { waitFor } from './wait-for.ts';

const run = promisify(execFile);
const running = new Set<ChildProcess>();
// A test that fails before stopping its phone must not leave baresip registered after the test process.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Baresip {
  extension: string;
  /** The UDP ports its RTP uses (inclusive), to tell its media apart in a capture. */
  rtpPorts: [number, number];
  /** What baresip printed so far (registrations, calls, errors). */
  output(): string;
  /**
   * What baresip decoded from its last call's RTP, as it hands it to its player (sndfile's WAV of the received
   * audio), as 8 kHz samples: what the call-taker would hear, rather than what crossed the wire.
   */
  heard(): Promise<Float64Array>;
  /** Runs a command as baresip's menu names it (hold, resume, hangup) through its ctrl_tcp port; its reply. */
  command(name: string, params?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts baresip registered as `extension` over UDP (or TCP with `transport: 'tcp'`), answering every call and
 * speaking a `toneHz` sine.
 */
export async function startBaresip(
  edge: SipEdge,
  extension: string,
  options: { toneHz?: number; credentials?: DigestCredentials; transport?: 'udp' | 'tcp' } = {},
): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-baresip-'));
  const tone = join(dir, 'tone.wav');
  await run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${options.toneHz ?? 440}:duration=60`].concat([
      '-ar',
      '8000',
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      tone,
    ]),
  );
  const sipPort = await freeSipPortPair();
  const ctrlPort = await freePort();
  const rtpBase = 20_000 + Math.floor(Math.random() * 500) * 20;
  const rtpPorts: [number, number] = [rtpBase, rtpBase + 19];
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      `rtp_ports ${rtpPorts[0]}-${rtpPorts[1]}`,
      `audio_source aufile,${tone}`,
      `audio_alert aufile,${tone}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      // An audio filter writing each call's decoded audio (dump-<time>-dec.wav) and its sent audio (-enc).
      'module sndfile.so',
      `snd_path ${dir}`,
      // menu, not stdio: there is no terminal.
      'module_app account.so',
      'module_app menu.so',
      // A test drives the phone like a person would (hold, resume) through netstring JSON on this port.
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      '',
    ].join('\n'),
  );
  // REGISTER is digest-authenticated: by default with the short-lived credentials the console's softphone gets.
  const { username, password } = options.credentials ?? ephemeralCredentials(edge.sipSecret, extension);
  const auth = `;auth_user=${username};auth_pass=${password}`;
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${extension}@${edge.target};transport=${options.transport ?? 'udp'}>${auth};answermode=auto;regint=600\n`,
  );

  const child: ChildProcess = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  running.add(child);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      running.delete(child);
      done();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // It unregisters before leaving; a phone that does not leave is killed.
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`baresip exited:\n${output}`);
      return /200 OK .*binding/.test(output) ? true : undefined;
    }, `baresip ${extension} to register`);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    extension,
    rtpPorts,
    output: () => output,
    heard: () => receivedAudio(dir, extension),
    command: (name, params) => controlCommand(ctrlPort, name, params),
    stop,
  };
}

/**
 * The decoded audio of the last call sndfile dumped in `dir`. The WAV's header gets its length when the call
 * ends (libsndfile updates it on close), so the file is read until it holds samples.
 */
function receivedAudio(dir: string, extension: string): Promise<Float64Array> {
  return waitFor(async () => {
    const file = readdirSync(dir)
      .filter((name) => /^dump-.*-dec\.wav$/.test(name))
      .sort()
      .at(-1);
    if (!file) return undefined;
    // A file still being written may not read yet: tried again.
    const [samples] = await readChannels(join(dir, file), 1).catch(() => []);
    return samples?.length ? samples : undefined;
  }, `baresip ${extension}'s received audio to be written`);
}

/** One ctrl_tcp command: netstring-framed JSON out, the frame that answers it back (events are skipped). */
function controlCommand(port: number, command: string, params = ''): Promise<string> {
  const token = Math.random().toString(36).slice(2);
  const json = JSON.stringify({ command, params, token });
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${Buffer.byteLength(json)}:${json},`));
    let buffer = '';
    const timer = setTimeout(() => socket.destroy(new Error(`baresip did not answer ${command}`)), 5000);
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      for (let m = /^(\d+):/.exec(buffer); m; m = /^(\d+):/.exec(buffer)) {
        const start = m[0].length;
        const end = start + Number(m[1]);
        if (buffer.length <= end) return;
        const frame = JSON.parse(buffer.slice(start, end)) as {
          response?: boolean;
          token?: string;
          data?: string;
        };
        buffer = buffer.slice(end + 1);
        if (frame.response && frame.token === token) {
          clearTimeout(timer);
          socket.end();
          resolve(frame.data ?? '');
        }
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Whether `port` can be bound on loopback now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A free port whose next one is free too: baresip 1.0 always opens SIP over TLS as well, on the SIP port + 1,
 * and fails to start when that one is taken.
 */
async function freeSipPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freePort();
    if (port < 65_535 && (await bindable(port + 1))) return port;
  }
  throw new Error('no two consecutive free loopback ports for baresip');
}
