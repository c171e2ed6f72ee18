// How a Node service (the server, call control) ends: a graceful stop on SIGTERM/SIGINT that cannot hang (a
// deadline forces the exit), and an unhandled rejection or uncaught exception logged as fatal and ended the same
// way, never silently. Node only: imported as `@hcm112/shared/shutdown`, never through the package index, which
// the browser bundles.

/** The logging this needs; a pino logger is one. */
export interface ShutdownLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

/** The parts of `process` this needs; a test passes an EventEmitter and records the exit code. */
export interface ProcessLike {
  once(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
}

export interface ShutdownOptions {
  stop: () => Promise<void>;
  log: ShutdownLog;
  deadlineMs: number;
  exit: (code: number) => void;
  proc?: ProcessLike;
}

/** Installs the handlers; returns `shutdown` so the caller can end the process the same way. */
export function superviseProcess(options: ShutdownOptions): (reason: string, code?: number) => void {
  const { stop, log, deadlineMs, exit, proc = process } = options;
  let ending = false;
  const shutdown = (reason: string, code = 0) => {
    if (ending) return;
    ending = true;
    log.info({ reason }, 'shutting down');
    // A stuck stop (a hung connection, a worker that never returns) must not keep a dead instance in rotation.
    const deadline = setTimeout(() => {
      log.error({ reason, deadlineMs }, 'shutdown deadline passed, exiting');
      exit(1);
    }, deadlineMs);
    deadline.unref?.();
    stop().then(
      () => {
        clearTimeout(deadline);
        exit(code);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  proc.once('SIGTERM', () => shutdown('SIGTERM'));
  proc.once('SIGINT', () => shutdown('SIGINT'));
  // State after an unhandled failure is unknown: log it, then stop cleanly and exit non-zero so a supervisor
  // restarts a sound process rather than keep one that may have lost a call event.
  proc.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'unhandled promise rejection');
    shutdown('unhandledRejection', 1);
  });
  proc.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });
  return shutdown;
}
