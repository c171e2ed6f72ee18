// `npm run soak [-- --duration <seconds>]`: a peak hour compressed into a bounded run (default 10 minutes):
// 5 calls/s answered by 50 call-takers' SIPp phones after a human delay, 100 websocket consoles, 500 units
// reporting positions every 5 s. Prints the figures and writes bench-results/soak-latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Stream } from '@hcm112/shared';
import { sipPeer } from '../harness/telephony.ts';
import { renderTable } from '../bench/table.ts';
import { startCallers, startConsoles, startPhones, startUnitReports } from './load.ts';
import { callFigures, rssMb, soakRows } from './report.ts';
import { startSoakSystem } from './setup.ts';

const args = process.argv.slice(2).join(' ');
const SECONDS = Number(/--duration[= ](\d+)/.exec(args)?.[1] ?? process.env.SOAK_SECONDS ?? 600);
const RATE = 5;
const CALL_TAKERS = 50;
const CONSOLES = 100;
const UNITS = 500;
const TALK_MS = 4000;
const CALLER = '0928000000';
const log = (line: string) => process.stderr.write(`soak: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

log(`${SECONDS} s at ${RATE} calls/s, ${CALL_TAKERS} call-takers, ${CONSOLES} consoles, ${UNITS} units`);
const soak = await startSoakSystem({ callTakers: CALL_TAKERS, units: UNITS });
const { system } = soak;
const kamailio = sipPeer(system);
const offered = SECONDS * RATE;
try {
  const phones = await startPhones(
    kamailio,
    soak.callTakers.map((c) => c.extension),
    offered + 100,
  );
  for (const c of soak.callTakers) {
    const res = await fetch(`${system.url}/api/calltakers/me/ready`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ready: true }),
    });
    if (res.status !== 200) throw new Error(`call-taker ${c.extension} not ready: ${res.status}`);
  }
  // Half call-takers' consoles (calls, incidents), half dispatchers' (also every unit's position).
  const consoleSetup = Array.from({ length: CONSOLES }, (_, i) =>
    i % 2 === 0
      ? { token: soak.callTakers[(i / 2) % CALL_TAKERS]!.token, streams: ['calls', 'incidents'] as Stream[] }
      : { token: soak.dispatcherToken, streams: ['calls', 'incidents', 'units'] as Stream[] },
  );
  const consoles = await startConsoles(system.url, consoleSetup);
  const avl = startUnitReports(system.url, soak.units, 5000);
  const callers = startCallers(kamailio, CALLER, RATE, offered, TALK_MS);

  const pids = { server: system.server.pid, 'call control': system.callControl?.pid };
  const memory: Record<string, { start: number; end: number; max: number }> = {};
  const started = Date.now();
  const warmUpMs = Math.min(60_000, (SECONDS * 1000) / 10);
  for (let t = 0; Date.now() - started < SECONDS * 1000; t += 1) {
    await sleep(5000);
    for (const [name, pid] of Object.entries(pids)) {
      const mb = rssMb(pid);
      memory[name] ??= { start: Number.NaN, end: mb, max: mb };
      const m = memory[name];
      if (Number.isNaN(m.start) && Date.now() - started >= warmUpMs) m.start = mb;
      m.end = mb;
      m.max = Math.max(m.max, mb);
    }
    if (t % 12 === 11)
      log(`${Math.round((Date.now() - started) / 1000)} s, load average ${loadavg()[0]!.toFixed(1)}`);
  }
  avl.stop();
  // The last callers are still waiting or talking: give them time to finish, bounded.
  await Promise.race([callers.done, sleep(180_000)]);
  callers.stop();
  let calls = await callFigures(system.database.adminUrl, CALLER);
  for (let i = 0; i < 60 && calls.ended < offered; i += 1) {
    await sleep(1000);
    calls = await callFigures(system.database.adminUrl, CALLER);
  }
  const consoleTotals = await consoles.stop();
  await phones.stop();

  const rows = soakRows({
    seconds: SECONDS,
    offered,
    sipp: callers.counts(),
    calls,
    memory,
    consoles: consoleTotals,
    avl: avl.totals,
  });
  process.stdout.write(
    `${renderTable(rows)}\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  const dir = new URL('../../../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const doc = {
    at: new Date().toISOString(),
    seconds: SECONDS,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadAverage: loadavg(),
    rows,
  };
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  // Each run kept by its time and length; soak-latest.json is the newest.
  writeFileSync(new URL(`soak-${SECONDS}s-${doc.at.replace(/[:.]/g, '-')}.json`, dir), json);
  writeFileSync(new URL('soak-latest.json', dir), json);
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
} finally {
  await system.stop();
}
