// The local services script: idempotent `up`, and `down` stops exactly what it started.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../../infra/services.sh', import.meta.url).pathname;
// Private ports and state folder so the services the other tests use are untouched.
const env = {
  ...process.env,
  PG_PORT: String(25000 + Math.floor(Math.random() * 2000)),
  REDIS_PORT: String(27000 + Math.floor(Math.random() * 2000)),
  E112_STATE_DIR: mkdtempSync(join(tmpdir(), 'e112-services-')),
};
const pidFile = (name: string, port: string) => join(env.E112_STATE_DIR, 'pids', `${name}-${port}.pid`);
const run = (cmd: string) => execFileSync('bash', [SCRIPT, cmd], { env, encoding: 'utf8' });
const alive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

afterAll(() => {
  spawnSync('bash', [SCRIPT, 'down'], { env });
  rmSync(env.E112_STATE_DIR, { recursive: true, force: true });
});

describe('infra/services.sh', () => {
  it('starts Redis and PostgreSQL once, reuses them on a second up, and down stops only them', () => {
    const first = run('up');
    expect(first).toMatch(/redis: started/);
    expect(first).toMatch(/postgres: started/);
    const redisPid = Number(readFileSync(pidFile('redis', env.REDIS_PORT), 'utf8'));
    const pgPid = Number(readFileSync(pidFile('postgres', env.PG_PORT), 'utf8'));
    expect(alive(redisPid)).toBe(true);
    expect(alive(pgPid)).toBe(true);

    const second = run('up');
    expect(second).toMatch(/redis: ours, already running/);
    expect(second).toMatch(/postgres: ours, already running/);
    expect(Number(readFileSync(pidFile('redis', env.REDIS_PORT), 'utf8'))).toBe(redisPid);

    const redisConfig = execFileSync('redis-cli', ['-p', env.REDIS_PORT, 'config', 'get', '*'], {
      encoding: 'utf8',
    });
    expect(redisConfig).toMatch(/appendonly\nyes/);
    expect(redisConfig).toMatch(/maxmemory-policy\nnoeviction/);

    run('down');
    expect(alive(redisPid)).toBe(false);
    expect(alive(pgPid)).toBe(false);
    expect(existsSync(pidFile('redis', env.REDIS_PORT))).toBe(false);
    expect(run('status')).toMatch(/redis\s+down[\s\S]*postgres\s+down/);
  }, 120_000);

  it('leaves a service it did not start running on down', () => {
    // The shared test services were started by the default state folder, not this one.
    const shared = execFileSync('redis-cli', ['-p', '6390', 'ping'], { encoding: 'utf8' });
    run('down');
    expect(execFileSync('redis-cli', ['-p', '6390', 'ping'], { encoding: 'utf8' })).toBe(shared);
  });
});
