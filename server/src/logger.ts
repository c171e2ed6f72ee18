// The root structured logger; modules take a child with their own name and ids.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'server'): Logger {
  return pino({ name, level, base: { service: name } });
}
