// `npm run calibrate:speeds -w server -- --out <file> [--days 30] [--from <ISO> --to <ISO>] [--min-minutes 5]`:
// calibrates the speeds by road class and period from the units' AVL history and writes a ROAD_SPEEDS_FILE
// (the configured model with the measured speeds); prints each class and period, before and after.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { assertReachable, createDb } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { DEFAULT_CALIBRATION } from './calibrate.ts';
import { calibrateFromHistory } from './calibrate-history.ts';
import { loadRoadRouter } from './load.ts';
import { TravelModel } from './travel-model.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    days: { type: 'string', default: '30' },
    from: { type: 'string' },
    to: { type: 'string' },
    'min-minutes': { type: 'string', default: String(DEFAULT_CALIBRATION.minSeconds / 60) },
  },
});
if (!values.out) {
  process.stderr.write(
    'usage: calibrate:speeds -- --out <file> [--days N | --from ISO --to ISO] [--min-minutes N]\n',
  );
  process.exit(2);
}
const now = new Date();
const to = values.to ? new Date(values.to) : now;
const from = values.from ? new Date(values.from) : new Date(to.getTime() - Number(values.days) * 86_400_000);
const minMinutes = Number(values['min-minutes']);
if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to || !(minMinutes >= 0)) {
  process.stderr.write('invalid --from/--to/--days/--min-minutes\n');
  process.exit(2);
}

const config = loadConfig();
const db = createDb(config.DATABASE_URL, 2);
try {
  await assertReachable(db, config.DATABASE_URL);
  const router = loadRoadRouter(config, createLogger('warn'));
  const result = await calibrateFromHistory(db, router, config.TIME_ZONE, { from, to }, now, {
    ...DEFAULT_CALIBRATION,
    minSeconds: minMinutes * 60,
  });
  say(`AVL history ${from.toISOString()} .. ${to.toISOString()}: ${result.samples} samples`);
  say('class          period  samples  minutes  measured km/h  configured  written');
  for (const c of result.cells) {
    say(
      [
        c.roadClass.padEnd(14),
        c.period.padEnd(7),
        String(c.samples).padStart(7),
        (c.seconds / 60).toFixed(1).padStart(8),
        c.kmh.toFixed(1).padStart(14),
        String(c.before).padStart(11),
        c.applied ? '  yes' : `  no (under ${minMinutes} min of driving)`,
      ].join(' '),
    );
  }
  // The file must load as the server will load it.
  const model = TravelModel.parse(result.model);
  writeFileSync(values.out, `${JSON.stringify(model, null, 2)}\n`);
  say(`written: ${values.out} (set ROAD_SPEEDS_FILE to it and restart the servers)`);
} finally {
  await db.destroy();
}
