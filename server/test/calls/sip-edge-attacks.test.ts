// Attacks on the SIP edge, performed with a raw UDP socket and seen refused: an in-dialog request with a forged
// To-tag and a Route toward another port is not relayed, a burst of them meets the flood limit, and answers
// name no software version.
import { createSocket, type Socket } from 'node:dgram';
import { freePort, type Kamailio, startKamailio } from '@hcm112/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let kamailio: Kamailio;
let attacker: Socket;
let attackerPort: number;
const answers: string[] = [];

beforeAll(async () => {
  kamailio = await startKamailio({}, { media: false });
  attackerPort = await freePort();
  attacker = createSocket('udp4');
  attacker.on('message', (msg) => answers.push(msg.toString()));
  await new Promise<void>((resolve) => attacker.bind(attackerPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  attacker?.close();
  await kamailio?.stop();
});

/** An in-dialog request (forged To-tag) whose Route and request URI name `victimPort`. */
function forged(method: string, victimPort: number, n: number): string {
  const callId = `forged-${n}-${Date.now()}@127.0.0.1`;
  return [
    `${method} sip:victim@127.0.0.1:${victimPort} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${attackerPort};branch=z9hG4bK-forged-${n}-${Date.now()}`,
    `Route: <sip:127.0.0.1:${victimPort};lr>`,
    'Max-Forwards: 70',
    `From: <sip:0944000666@127.0.0.1>;tag=from-${n}`,
    `To: <sip:victim@127.0.0.1>;tag=forged-${n}`,
    `Call-ID: ${callId}`,
    `CSeq: 2 ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const send = (text: string) =>
  new Promise<void>((resolve, reject) =>
    attacker.send(text, kamailio.sipPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );

async function answerTo(callIdPart: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = answers.find((a) => a.includes(callIdPart));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer to ${callIdPart}`);
}

describe('open relay', () => {
  it.each(['BYE', 'MESSAGE', 'INVITE'])(
    'refuses a %s with a forged To-tag and relays nothing to the port its Route names',
    async (method) => {
      const victimPort = await freePort();
      const victim = createSocket('udp4');
      const received: string[] = [];
      victim.on('message', (msg) => received.push(msg.toString()));
      await new Promise<void>((resolve) => victim.bind(victimPort, '127.0.0.1', resolve));
      try {
        await send(forged(method, victimPort, victimPort));
        const answer = await answerTo(`forged-${victimPort}-`);
        expect(answer.split('\r\n')[0]).toBe('SIP/2.0 481 Call/Transaction Does Not Exist');
        // A relayed request would have left before the answer; give a slow machine a moment more anyway.
        await new Promise((r) => setTimeout(r, 500));
        expect(received).toEqual([]);
      } finally {
        victim.close();
      }
    },
  );
});

describe('software version', () => {
  it('is named in no answer', async () => {
    const victimPort = await freePort();
    await send(forged('BYE', victimPort, victimPort));
    const answer = await answerTo(`forged-${victimPort}-`);
    const server = answer.split('\r\n').find((line) => /^server:/i.test(line));
    expect(server).toBe('Server: 112-intake');
  });
});

// Last: the flood limit is per source address, and the test's address is 127.0.0.1 for the whole file.
describe('flood limit', () => {
  it('meets a burst of in-dialog requests for unknown dialogs with 503', async () => {
    const victimPort = await freePort();
    for (let i = 0; i < 120; i++) await send(forged('BYE', victimPort, 100_000 + i));
    await expect
      .poll(() => answers.filter((a) => a.startsWith('SIP/2.0 503 Service Unavailable')).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
  });
});
