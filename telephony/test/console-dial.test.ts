// A console's call out through the SIP edge (route[CONSOLE_DIAL]): with its extension's credentials and a dial
// grant the server signed for that number it reaches the destination (a SIPp "agency" that answers and speaks a
// tone, relayed and recorded by rtpengine); without a grant, with a grant for another number or extension, an
// expired one or one used before, the edge refuses with 403 and nothing leaves it. The destination's refusal
// comes back to the console as it was.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureRtp,
  dialGrant,
  ephemeralCredentials,
  freeMediaPort,
  freePort,
  type Kamailio,
  sipp,
  startKamailio,
  toneRatio,
  writeTone,
} from '../testing/index.ts';

const EXT = '1003';
const AGENCY_HZ = 1000;
const CONSOLE_HZ = 440;
let kamailio: Kamailio;
let dir: string;
let recordings: string;
let agencyPort: number;
let agencyUri: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e112-dial-'));
  recordings = mkdtempSync(join(tmpdir(), 'e112-dial-rec-'));
  await writeTone(dir, AGENCY_HZ, 30);
  kamailio = await startKamailio({}, { recordingDir: recordings });
  agencyPort = await freePort();
  agencyUri = `sip:114@127.0.0.1:${agencyPort}`;
});

afterAll(async () => {
  await kamailio?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(recordings, { recursive: true, force: true });
});

/** The console's INVITE to `uri` with `grant`, answered by the challenge then refused: resolves when refused. */
function refusedDial(uri: string, grant: { grant: string; sig: string }, ext = EXT) {
  const { username, password } = ephemeralCredentials(kamailio.sipSecret, ext);
  return sipp('console-dial-refused.xml', kamailio.target, ['-m', '1', '-au', username, '-ap', password], {
    ext,
    uri,
    ...grant,
  }).ok();
}

describe('a console calling out', () => {
  it('refuses a number the server granted nothing for', async () => {
    await refusedDial('sip:0909123456@127.0.0.1:5999', { grant: '', sig: '' });
  });

  it('refuses a grant signed for another number, another extension, or expired', async () => {
    const leg = randomUUID();
    const forAgency = dialGrant(kamailio.sipSecret, EXT, agencyUri, leg);
    await refusedDial('sip:0909123456@127.0.0.1:5999', forAgency);
    await refusedDial(agencyUri, forAgency, '1004');
    await refusedDial(agencyUri, dialGrant(kamailio.sipSecret, EXT, agencyUri, leg, -5));
    await refusedDial(agencyUri, dialGrant('another-secret-of-at-least-32-chars!', EXT, agencyUri, leg));
  });

  it('reaches a granted agency with two-way media through the relay, recorded, and only once', async () => {
    const media = await freeMediaPort();
    const agencyMedia = await freeMediaPort();
    const agency = sipp(
      'call-taker-answers-tone.xml',
      kamailio.target,
      ['-p', String(agencyPort), '-m', '1', '-mi', '127.0.0.1', '-mp', String(agencyMedia)],
      { ext: '114' },
      { cwd: dir },
    );
    const heard = await captureRtp(`udp and dst port ${media}`);
    const grant = dialGrant(kamailio.sipSecret, EXT, agencyUri, randomUUID());
    const { username, password } = ephemeralCredentials(kamailio.sipSecret, EXT);
    const consoleTone = mkdtempSync(join(tmpdir(), 'e112-dial-console-'));
    await writeTone(consoleTone, CONSOLE_HZ, 30);
    await sipp(
      'console-dials-tone.xml',
      kamailio.target,
      ['-m', '1', '-au', username, '-ap', password, '-mi', '127.0.0.1', '-mp', String(media), '-d', '3000'],
      { ext: EXT, uri: agencyUri, ...grant },
      { cwd: consoleTone },
    ).ok();
    await agency.ok();
    const packets = await heard.stop();
    rmSync(consoleTone, { recursive: true, force: true });
    expect(packets.length).toBeGreaterThan(50);
    expect(
      toneRatio(
        packets.map((p) => p.payload),
        AGENCY_HZ,
        CONSOLE_HZ,
      ),
    ).toBeGreaterThan(100);
    // rtpengine captured the leg like any call (the server turns it into the leg's file).
    expect(readdirSync(join(recordings, 'metadata')).length).toBeGreaterThan(0);
    // The same grant again is refused: a grant opens one call.
    await refusedDial(agencyUri, grant);
  });

  it("passes the destination's refusal back to the console", async () => {
    const busyPort = await freePort();
    const busyUri = `sip:113@127.0.0.1:${busyPort}`;
    const busy = sipp('call-taker-busy.xml', kamailio.target, ['-p', String(busyPort), '-m', '1'], {
      ext: '113',
    });
    const { username, password } = ephemeralCredentials(kamailio.sipSecret, EXT);
    const grant = dialGrant(kamailio.sipSecret, EXT, busyUri, randomUUID());
    await sipp('console-dial-busy.xml', kamailio.target, ['-m', '1', '-au', username, '-ap', password], {
      ext: EXT,
      uri: busyUri,
      ...grant,
    }).ok();
    await busy.ok();
  });
});
