// A SIP peer on one loopback address sending hand-made INVITEs over UDP and reading the answers: what the intake
// limit tests need to write any From, P-Asserted-Identity or source address a trunk or an attacker would.
import { createSocket, type Socket } from 'node:dgram';
import { waitFor } from '@hcm112/telephony/testing';

export interface RawInvite {
  service?: string;
  /** false leaves out the Contact header (a malformed INVITE). */
  contact?: boolean;
  /** A P-Asserted-Identity URI (as a carrier's trunk sends it). */
  pai?: string;
  /** The From host; the peer's address when absent. */
  fromHost?: string;
}

export class RawSipPeer {
  readonly answers: string[] = [];
  private socket!: Socket;
  private port = 0;
  private readonly sent: Array<{ callId: string; branch: string; from: string }> = [];

  /** `sipPort`: the Kamailio's SIP port on 127.0.0.1. */
  constructor(
    readonly address: string,
    private readonly sipPort: number,
  ) {}

  async open(): Promise<void> {
    this.socket = createSocket('udp4');
    this.socket.on('message', (msg) => this.answers.push(msg.toString()));
    await new Promise<void>((resolve) => this.socket.bind(0, this.address, resolve));
    this.port = this.socket.address().port;
  }

  private send(text: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.send(text, this.sipPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
  }

  /** An INVITE to `options.service` (112) from `caller`; returns its Call-ID. */
  async invite(caller: string, options: RawInvite = {}): Promise<string> {
    const n = this.sent.length;
    const callId = `dos-${this.address}-${this.port}-${n}-${Date.now()}`;
    const branch = `z9hG4bK-dos-${this.port}-${n}-${Date.now()}`;
    const service = options.service ?? '112';
    const from = `From: <sip:${caller}@${options.fromHost ?? this.address}>;tag=t${n}`;
    this.sent.push({ callId, branch, from });
    await this.send(
      [
        `INVITE sip:${service}@127.0.0.1:${this.sipPort} SIP/2.0`,
        `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=${branch};rport`,
        'Max-Forwards: 70',
        from,
        `To: <sip:${service}@127.0.0.1>`,
        `Call-ID: ${callId}`,
        'CSeq: 1 INVITE',
        ...(options.contact === false ? [] : [`Contact: <sip:${caller}@${this.address}:${this.port}>`]),
        ...(options.pai ? [`P-Asserted-Identity: <${options.pai}>`, 'Privacy: id'] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    return callId;
  }

  /** The first answer to `callId` with a status other than 100. */
  answer(callId: string): Promise<string> {
    return waitFor(
      async () => this.answers.find((a) => a.includes(`Call-ID: ${callId}`) && !a.startsWith('SIP/2.0 100')),
      `an answer to ${callId}`,
    );
  }

  /** Hangs up every call still ringing (CANCEL), so the queue is empty for the next test. */
  async cancelAll(): Promise<void> {
    for (const c of this.sent.splice(0)) {
      const ringing = this.answers.some(
        (a) => a.includes(`Call-ID: ${c.callId}`) && a.startsWith('SIP/2.0 180'),
      );
      if (!ringing) continue;
      await this.send(
        [
          `CANCEL sip:112@127.0.0.1:${this.sipPort} SIP/2.0`,
          `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=${c.branch};rport`,
          'Max-Forwards: 70',
          c.from,
          'To: <sip:112@127.0.0.1>',
          `Call-ID: ${c.callId}`,
          'CSeq: 1 CANCEL',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
    }
  }

  close(): void {
    this.socket?.close();
  }
}

/** The status line of a SIP answer. */
export const sipStatus = (answer: string) => answer.split('\r\n')[0] ?? '';
