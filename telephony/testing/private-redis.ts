// A redis-server of a test's own on a free loopback port, without persistence: for what the shared Redis must not
// be put through (a password, a memory limit, running out of memory on purpose).
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

/** Started and ready; `password` optional, `maxmemory` 64mb and `policy` noeviction unless given. */
export async function startPrivateRedis(
  options: { password?: string; maxmemory?: string; policy?: string } = {},
): Promise<PrivateRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (options.password) args.push('--requirepass', options.password);
  args.push('--maxmemory', options.maxmemory ?? '64mb');
  args.push('--maxmemory-policy', options.policy ?? 'noeviction');
  const proc: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
