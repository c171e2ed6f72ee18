import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NotFound } from '../errors.ts';
import { errorMiddleware } from './error-middleware.ts';

let server: ReturnType<ReturnType<typeof express>['listen']>;
let base: string;

beforeAll(async () => {
  const app = express();
  app.get('/things/:id', (req, res) => {
    if (req.params.id === 'gone') throw new NotFound('thing');
    res.json({ id: req.params.id });
  });
  app.use(errorMiddleware(pino({ level: 'silent' })));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('answers a path parameter that is not valid percent-encoding with 400 invalid, not 500', async () => {
  const res = await fetch(`${base}/things/%E0%A4%A`);
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: { code: 'invalid', message: 'malformed request' } });
});

it('still serves a well-formed one', async () => {
  const res = await fetch(`${base}/things/%C3%A9`);
  expect(await res.json()).toEqual({ id: 'é' });
});

it('keeps the status of the domain errors the services throw', async () => {
  const res = await fetch(`${base}/things/gone`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: { code: 'not-found', message: 'thing not found' } });
});
