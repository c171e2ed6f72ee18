// `npm run bootstrap -w server -- --admin NAME [--display-name TEXT] [--password-file FILE] [--units FLEET.csv]
//   [--analytics-source NAME]... --out FILE`: a deployment's first admin, its units and random device secrets.
// The password comes from a file or a prompt (never an argument, which `ps` shows); the unit tokens and analytics
// secrets go to a new 0600 file, never to the terminal or a log.
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { assertReachable, createDb } from '../db/database.ts';
import { bootstrap, secretsFileText } from './bootstrap.ts';
import { parseFleetFile } from './fleet-file.ts';

const { values } = parseArgs({
  options: {
    admin: { type: 'string' },
    'display-name': { type: 'string' },
    'password-file': { type: 'string' },
    'analytics-source': { type: 'string', multiple: true, default: [] },
    units: { type: 'string' },
    out: { type: 'string' },
  },
});

/** Asks twice without echo when on a terminal; reads one line from a pipe otherwise. */
async function promptPassword(): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  try {
    const ask = async (question: string) => {
      const answer = rl.question(question);
      muted = true;
      const value = await answer;
      muted = false;
      process.stderr.write('\n');
      return value;
    };
    const first = await ask('admin password: ');
    if (process.stdin.isTTY && (await ask('again: ')) !== first) throw new Error('the passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

async function adminPassword(): Promise<string> {
  if (values['password-file']) return readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
  return promptPassword();
}

const config = loadConfig();
if (!values.out) {
  process.stderr.write('bootstrap: --out FILE is required (where the new unit and analytics secrets go)\n');
  process.exit(2);
}
// Opened before anything changes, 'wx': never overwrite (an earlier file may hold the only copy of secrets still
// being handed out), and a refused path leaves the database as it was.
let out: number;
try {
  out = openSync(values.out, 'wx', 0o600);
} catch (err) {
  const reason =
    (err as NodeJS.ErrnoException).code === 'EEXIST'
      ? 'exists (it may hold secrets not yet handed out)'
      : String(err);
  process.stderr.write(`bootstrap failed: ${values.out} ${reason}\n`);
  process.exit(1);
}
const db = createDb(config.DATABASE_URL, 2);
try {
  await assertReachable(db, config.DATABASE_URL);
  const units = values.units ? parseFleetFile(readFileSync(values.units, 'utf8')) : undefined;
  const admin = values.admin
    ? {
        username: values.admin,
        displayName: values['display-name'] ?? values.admin,
        password: await adminPassword(),
      }
    : undefined;
  const result = await bootstrap(db, { admin, analyticsSources: values['analytics-source'], units }, (r) =>
    writeFileSync(out, secretsFileText(r)),
  );
  process.stdout.write(
    `${result.admin ? `admin ${result.admin} created` : 'an admin already exists; none created'}; ` +
      `${result.unitTokens.length} unit tokens and ${result.analyticsSecrets.length} analytics secrets written to ${values.out} (0600)\n`,
  );
} catch (err) {
  unlinkSync(values.out);
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  closeSync(out);
  await db.destroy();
}
