// SIPp's own account of its calls, which the benchmarks' ladder trusts over the count it asked for: a SIPp that
// falls behind on a loaded machine ends at its -timeout having placed fewer calls, and exits as if all went well.
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_ARGS, freePort, type SippRun, sipp } from '../testing/index.ts';

describe("SIPp's count of the calls it placed", () => {
  let peer: SippRun | undefined;
  afterEach(async () => {
    peer?.stop();
    await peer?.done;
  });

  async function ringingPeer(): Promise<string> {
    const port = await freePort();
    peer = sipp('bench-peer-rings.xml', `127.0.0.1:${port}`, ['-p', String(port)]);
    await new Promise((r) => setTimeout(r, 500));
    return `127.0.0.1:${port}`;
  }

  it('counts the calls placed and failed, from the statistics SIPp prints on exit', async () => {
    const target = await ringingPeer();
    const caller = sipp(
      'bench-caller.xml',
      target,
      ['-s', '112', ...CALLER_ARGS, '-r', '20', '-m', '6', '-l', '6', '-d', '200'],
      { caller: '0977' },
    );
    await caller.done;
    expect(caller.placed()).toBe(6);
    // The ringing peer leaves bench-caller.xml's last optional wait to time out, which SIPp counts as failed.
    expect(caller.failedCount()).toBe(6);
  });

  it('says how few calls a SIPp placed when its global timeout ended it early', async () => {
    const target = await ringingPeer();
    // 1 call/s for 50 calls cannot be done within a 3 s -timeout: SIPp stops having placed only a few.
    const caller = sipp(
      'bench-caller.xml',
      target,
      ['-s', '112', ...CALLER_ARGS, '-r', '1', '-m', '50', '-l', '50', '-d', '100', '-timeout', '3s'],
      { caller: '0978' },
    );
    await caller.done;
    expect(caller.placed()).toBeGreaterThan(0);
    expect(caller.placed()).toBeLessThan(50);
  });
});
