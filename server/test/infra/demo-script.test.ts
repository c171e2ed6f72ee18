// infra/demo.sh keeps the demo's secrets to its own user: the seed output (every demo password), the SIP secret and
// the logs are in a 0700 folder as 0600 files, even when an older demo left them world-readable.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../../infra/demo.sh', import.meta.url).pathname;
const parent = mkdtempSync(join(tmpdir(), 'e112-demo-'));
const runDir = join(parent, 'demo');

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('infra/demo.sh', () => {
  it('closes the demo folder and its files to other users', () => {
    chmodSync(parent, 0o755);
    mkdirSync(runDir, { mode: 0o755 });
    chmodSync(runDir, 0o755);
    const seed = join(runDir, 'seed.txt');
    writeFileSync(seed, 'admin demo-admin-112 admin\n', { mode: 0o644 });
    writeFileSync(join(runDir, 'server.log'), '{}\n', { mode: 0o644 });
    // Before: another user reads every demo password.
    expect(spawnSync('runuser', ['-u', 'nobody', '--', 'cat', seed]).status).toBe(0);

    execFileSync('bash', [SCRIPT, 'status'], {
      env: { ...process.env, E112_DEMO_DIR: runDir },
      encoding: 'utf8',
    });

    expect(statSync(runDir).mode & 0o777).toBe(0o700);
    expect(statSync(seed).mode & 0o777).toBe(0o600);
    expect(statSync(join(runDir, 'server.log')).mode & 0o777).toBe(0o600);
    const attempt = spawnSync('runuser', ['-u', 'nobody', '--', 'cat', seed], { encoding: 'utf8' });
    expect(attempt.status).not.toBe(0);
    expect(attempt.stderr).toContain('Permission denied');
  });
});
