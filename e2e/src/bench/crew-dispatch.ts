// Dispatch to the crew's screen: a dispatcher assigns a unit and a phone-sized Chromium running the crew app shows
// the assignment (p50/p99, target p99 < 1 s, aim 300 ms), while 500 simulated devices are connected to /ws/device
// and each posts a position every 5 s; and the server's CPU per connected device under that load.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Unit } from '@hcm112/shared';
import { hashSecret } from '@hcm112/server/devices/pairing';
import { insertUnits } from '@hcm112/server/units/repository';
import { launchChromium } from '../harness/browser.ts';
import { createBenchDatabase, loginToken, startBenchServer } from './bench-env.ts';
import { type BenchRow, summarize } from './table.ts';

const DEVICES = 500;
const REPORT_SECONDS = 5;
const ASSIGNMENTS = 40;
const WARMUP = 5;
const CPU_WINDOW_MS = 30_000;
const now = () => performance.timeOrigin + performance.now();

type CrewWindow = Window & { __shownAt: number[] };

async function startFleet(url: string, devices: Array<{ credential: string; lat: number; lon: number }>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./crew-devices.ts', import.meta.url).pathname],
    {
      env: { ...process.env, CREW_FLEET: JSON.stringify({ url, reportSeconds: REPORT_SECONDS, devices }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const first = await next();
  if (first !== 'ready') throw new Error(`device fleet: ${first}`);
  return {
    child,
    async stop(): Promise<{ sent: number; failed: number }> {
      const last = next();
      child.kill('SIGTERM');
      return JSON.parse(await last) as { sent: number; failed: number };
    },
  };
}

export async function benchCrewDispatch(): Promise<BenchRow[]> {
  const bdb = await createBenchDatabase({ city: true });
  const server = await startBenchServer(bdb);
  let fleet: { child: ChildProcess; stop: () => Promise<{ sent: number; failed: number }> } | undefined;
  const browser = await launchChromium();
  try {
    const token = await loginToken(server.url, 'dsp1', 'demo-dsp1-112');
    const api = (method: string, path: string, json?: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });

    // 500 more units across the city, each with a paired device (credentials made as pairing makes them).
    const at = new Date();
    const spots = Array.from({ length: DEVICES }, (_, i) => ({
      lat: 10.65 + (i % 25) * 0.01,
      lon: 106.55 + Math.floor(i / 25) * 0.01,
    }));
    const ids = await insertUnits(
      bdb.db,
      spots.map((position, i) => ({
        callsign: `BENCH-${String(i).padStart(3, '0')}`,
        agency: 'ambulance',
        kind: 'ambulance-bls',
        capabilities: ['basic-life-support'],
        stationId: null,
        position,
      })),
      at,
    );
    const devices = ids.map((unitId, i) => ({
      unitId,
      credential: randomBytes(32).toString('base64url'),
      ...spots[i]!,
    }));
    await bdb.db
      .insertInto('unit_devices')
      .values(
        devices.map((d) => ({
          unit_id: d.unitId,
          credential_hash: hashSecret(d.credential),
          label: 'bench',
          paired_at: at,
          expires_at: new Date(at.getTime() + 86_400_000),
        })),
      )
      .execute();
    fleet = await startFleet(server.url, devices);

    // The measured phone: the crew app paired to a demo ambulance through the real pairing code.
    const { units } = (await (await api('GET', '/units')).json()) as { units: Unit[] };
    const unit = units.find((u) => u.callsign === 'CC-01-01')!;
    const { pairing } = (await (await api('POST', `/units/${unit.id}/pairing-codes`, {})).json()) as {
      pairing: { code: string };
    };
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.addInitScript(() => {
      const w = window as unknown as CrewWindow;
      w.__shownAt = [];
      let showing = false;
      new MutationObserver(() => {
        const shown = document.querySelector('.crew-new') !== null;
        if (shown && !showing) w.__shownAt.push(performance.timeOrigin + performance.now());
        showing = shown;
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/crew/?pair=${pairing.code}`);
    await page.getByRole('button', { name: /^(Pair|Ghép)$/ }).click();
    await page.locator('.crew-online').waitFor({ timeout: 30_000 });

    const cpuStart = process.cpuUsage();
    const cpuFrom = now();
    await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const cpuWindow = now() - cpuFrom;

    const latencies: number[] = [];
    for (let i = 0; i < ASSIGNMENTS; i++) {
      const res = await api('POST', '/incidents', {
        type: 'medical',
        subtype: 'cardiac-arrest',
        location: {
          point: { lat: 10.76 + (i % 10) * 0.002, lon: 106.66 + i * 0.0005 },
          address: `bench ${i}`,
        },
      });
      const { incident } = (await res.json()) as { incident: { id: string } };
      const shownBefore = await page.evaluate(() => (window as unknown as CrewWindow).__shownAt.length);
      const t0 = now();
      const assigned = await api('POST', `/incidents/${incident.id}/assignments`, { unitIds: [unit.id] });
      if (!assigned.ok) throw new Error(`assign: ${assigned.status} ${await assigned.text()}`);
      await page.waitForFunction((n) => (window as unknown as CrewWindow).__shownAt.length > n, shownBefore, {
        timeout: 10_000,
      });
      const shownAt = await page.evaluate(() => (window as unknown as CrewWindow).__shownAt.at(-1)!);
      if (i >= WARMUP) latencies.push(shownAt - t0);
      await api('POST', `/units/${unit.id}/status`, { status: 'available' });
      await page.locator('.crew-new').waitFor({ state: 'detached', timeout: 10_000 });
    }
    const reports = await fleet.stop();
    fleet = undefined;
    const s = summarize(latencies);
    const perDevicePct = (cpuMs / cpuWindow / DEVICES) * 100;
    return [
      {
        area: 'crews',
        name: `dispatch -> crew app shows it (Chromium, phone), ${DEVICES} devices connected reporting every ${REPORT_SECONDS} s`,
        ...s,
        target: 'p99 < 1000 ms (aim 300)',
        met: s.p99Ms < 1000,
      },
      {
        area: 'crews',
        name: `server CPU per connected device reporting every ${REPORT_SECONDS} s (${DEVICES} devices, ${Math.round(cpuWindow / 1000)} s)`,
        value: perDevicePct,
        unit: '% of a core',
        samples: DEVICES,
      },
      {
        area: 'crews',
        name: 'device position reports accepted of those sent',
        value: (reports.sent / Math.max(1, reports.sent + reports.failed)) * 100,
        unit: '%',
        samples: reports.sent + reports.failed,
        target: '100 %',
        met: reports.failed === 0,
      },
    ];
  } finally {
    await fleet?.stop().catch(() => undefined);
    await browser.close();
    await server.stop();
    await bdb.drop();
  }
}
