// Call-control entry point: configuration once, start, graceful stop on SIGTERM/SIGINT within a deadline.
import { pino } from 'pino';
import { startCallControl } from './call-control.ts';
import { loadConfig } from './config.ts';
import { superviseProcess } from '@hcm112/shared/shutdown';

const config = loadConfig();
const log = pino({ name: 'call-control', level: config.LOG_LEVEL }).child({ instance: config.INSTANCE_ID });
const control = await startCallControl(config, log);
log.info({ evapi: `${config.EVAPI_HOST}:${config.EVAPI_PORT}` }, 'call control running');
superviseProcess({
  stop: () => control.stop(),
  log,
  deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  exit: (code) => process.exit(code),
});
