// A small SMS gateway for tests: an HTTP server that keeps every JSON body posted to it with its Authorization
// header, answering with the status the test sets.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  body: unknown;
  authorization: string | undefined;
}

export interface SmsGateway {
  url: string;
  received: ReceivedSms[];
  /** The status the next posts are answered with (202 unless set). */
  answerWith(status: number): void;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsGateway> {
  const received: ReceivedSms[] = [];
  let status = 202;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        authorization: req.headers.authorization,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    answerWith: (s) => {
      status = s;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
