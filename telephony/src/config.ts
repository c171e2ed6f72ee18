// Call-control configuration: read from the environment once, validated, frozen.
import { z } from 'zod';

const Env = z.object({
  REDIS_URL: z.url().default('redis://127.0.0.1:6390'),
  /** Same prefix as the server: BullMQ queues and ACD keys of one deployment. */
  REDIS_PREFIX: z.string().min(1).max(64).default('e112'),
  EVAPI_HOST: z.string().default('127.0.0.1'),
  EVAPI_PORT: z.coerce.number().int().min(1).max(65535).default(8448),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type TelephonyConfig = Readonly<z.infer<typeof Env>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TelephonyConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return Object.freeze(parsed.data);
}
