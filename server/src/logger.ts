// The root structured logger; modules take a child with their own name and ids. Secrets never reach a log line:
// the request and response headers that carry credentials are redacted wherever a request is logged.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Headers that carry a credential: sessions (bearer, cookie), analytics signatures, devices, and proxies' auth. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-analytics-signature"]',
  'req.headers["x-device-credential"]',
  'req.headers["x-unit-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** `destination` lets a test read what would be written (stdout otherwise). */
export function createLogger(level: string, name = 'server', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { service: name },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
