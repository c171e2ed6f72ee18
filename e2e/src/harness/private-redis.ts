// A Redis of one system only, configured as production runs it (appendonly, noeviction), in a temporary
// folder on a free port, so a fault test can restart it without touching the Redis other tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@hcm112/telephony/testing';
import { Redis } from 'ioredis';
import { ManagedProcess } from './managed-process.ts';
import { ARTIFACTS_DIR } from './paths.ts';

export interface PrivateRedis {
  url: string;
  process: ManagedProcess;
  /** Graceful restart: SIGTERM (Redis flushes its append-only file), then the same folder again. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } finally {
    redis.disconnect();
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes'];
  args.push('--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', '');
  const process = new ManagedProcess('redis', 'redis-server', args, {
    cwd: dir,
    env: {},
    logFile: join(ARTIFACTS_DIR, 'logs', `redis-${port}.log`),
  });
  const start = async () => {
    process.start();
    await waitFor(() => answers(url).catch(() => false), `the private Redis on ${port}`, 30_000);
  };
  await start();
  return {
    url,
    process,
    async restart(downMs = 2000) {
      await process.stop();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await process.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
