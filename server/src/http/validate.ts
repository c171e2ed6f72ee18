// Parses request parts with shared zod schemas; a failure becomes a 400 naming each bad field.
import type { z } from 'zod';
import { Invalid } from '../errors.ts';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw Invalid.fromZod(result.error, 'body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw Invalid.fromZod(result.error, 'query');
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are uuids; anything else is a 400 naming the parameter rather than a database error. */
export function parseId(value: unknown, name = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw new Invalid(`invalid ${name}`, { [name]: 'must be a uuid' });
  return value.toLowerCase();
}
