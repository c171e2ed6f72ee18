// A TCP proxy between a system and one of its services (PostgreSQL, Kamailio's SIP WebSocket), so a fault test
// can make the service unreachable without touching the machine's own server: `refuse` is a stopped service
// (connections reset, new ones refused), `refuseNew` a path that takes no new connection while open ones go on,
// `stall` is a network partition (bytes held, nothing answered), `restore` heals them all.
import { createServer, type Server, Socket } from 'node:net';

type Mode = 'open' | 'refuse' | 'stall';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Bytes held while stalled, in the order they came, with the socket they are for. */
  held: Array<{ to: Socket; data: Buffer }>;
}

export class TcpProxy {
  private server?: Server;
  private readonly pairs = new Set<Pair>();
  private mode: Mode = 'open';
  port = 0;

  private constructor(
    private readonly targetPort: number,
    private readonly targetHost: string,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort, targetHost);
    await proxy.listen(0);
    return proxy;
  }

  /** Open connections through the proxy now. */
  get connections(): number {
    return this.pairs.size;
  }

  /** The service is gone: every connection is reset and new ones are refused (ECONNREFUSED). */
  async refuse(): Promise<void> {
    this.mode = 'refuse';
    for (const p of this.pairs) this.drop(p);
    await this.closeListener();
  }

  /** New connections are refused (ECONNREFUSED); those open go on until either end closes them. */
  refuseNew(): void {
    this.mode = 'refuse';
    // Not awaited: the listener's close callback waits for the open connections to end.
    this.server?.close();
    this.server = undefined;
  }

  /** The network holds every byte: queries in flight hang, new connections open but get no answer. */
  stall(): void {
    this.mode = 'stall';
  }

  /** Back to normal: held bytes flow on, new connections go through. */
  async restore(): Promise<void> {
    const was = this.mode;
    this.mode = 'open';
    if (was === 'refuse') await this.listen(this.port);
    for (const p of this.pairs) {
      for (const { to, data } of p.held.splice(0)) to.write(data);
    }
  }

  async close(): Promise<void> {
    for (const p of this.pairs) this.drop(p);
    await this.closeListener();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const upstream = new Socket();
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    client.on('error', () => this.drop(pair));
    upstream.on('error', () => this.drop(pair));
    client.on('close', () => this.drop(pair));
    upstream.on('close', () => this.drop(pair));
    upstream.connect(this.targetPort, this.targetHost);
    client.on('data', (data: Buffer) => this.forward(pair, upstream, data));
    upstream.on('data', (data: Buffer) => this.forward(pair, client, data));
  }

  private forward(pair: Pair, to: Socket, data: Buffer): void {
    if (this.mode === 'stall' || pair.held.length > 0) pair.held.push({ to, data });
    else to.write(data);
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
