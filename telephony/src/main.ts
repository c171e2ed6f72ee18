// Call-control entry point: configuration once, start, graceful stop on SIGTERM/SIGINT.
import { pino } from 'pino';
import { startCallControl } from './call-control.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const log = pino({ name: 'call-control', level: config.LOG_LEVEL }).child({ instance: config.INSTANCE_ID });
const control = await startCallControl(config, log);
log.info({ evapi: `${config.EVAPI_HOST}:${config.EVAPI_PORT}` }, 'call control running');
const shutdown = (signal: string) => {
  log.info({ signal }, 'shutting down');
  control.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
