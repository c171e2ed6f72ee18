// baresip as a call-taker's desk phone in tests: a real SIP phone that refuses what real phones refuse (it
// answers `500 Call Error` to a multipart INVITE), registered to Kamailio, answering on its own and speaking a
// known tone. Headless: aufile is its microphone, the account auto-answers.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { type DigestCredentials, ephemeralCredentials } from './sip-credentials.ts';
import type { SipEdge } from './sipp-peers.ts';
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
    command: (name, params) => controlCommand(ctrlPort, name, params),
    stop,
  };
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
