// The migrate command against a database that is not there: one clear line, exit code 1.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = new URL('../../', import.meta.url).pathname;

describe('npm run migrate', () => {
  it('fails with one readable line when the database is unreachable', () => {
    const res = spawnSync('npx', ['tsx', 'src/db/migrate-command.ts'], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_ADMIN_URL: 'postgres://postgres:secret@127.0.0.1:1/e112',
        DATABASE_URL: 'postgres://e112_app:e112_app@127.0.0.1:1/e112',
      },
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'));
    expect(lines).toEqual([
      'migrate failed: cannot reach the database at postgres://postgres:***@127.0.0.1:1/postgres: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});
