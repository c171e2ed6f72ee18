// Server entry point: load config once, start, stop gracefully on SIGTERM/SIGINT within a deadline.
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import { superviseProcess } from '@hcm112/shared/shutdown';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
try {
  const server = await startServer(config, log);
  process.stdout.write(`server ready at ${server.url}\n`);
  superviseProcess({
    stop: () => server.stop(),
    log,
    deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    exit: (code) => process.exit(code),
  });
} catch (err) {
  log.fatal({ err }, 'server failed to start');
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
