// The OpenAPI document against the real app: every mounted route described and nothing more, the document valid
// OpenAPI 3.1, served to admins only, and the README's example clients working against a running server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import type { Camera, Unit } from '@hcm112/shared';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DESCRIPTIONS } from '../../src/features.ts';
import { openApiDocumentOf } from '../../src/openapi/routes.ts';
import { DEMO_ANALYTICS_SOURCE } from '../../src/seed/demo-cameras.ts';
import { unitToken } from '../../src/seed/demo-city.ts';
import type { Client } from '../support/server.ts';
import { withServer } from '../support/server-stack.ts';

const run = promisify(execFile);
const stack = withServer({ city: true });
const document = openApiDocumentOf(() => API_DESCRIPTIONS)();

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** `GET /incidents/{id}` for every route the app mounts under /api, found by walking express's router stack. */
function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (layers: Layer[], prefix: string) => {
    for (const layer of layers) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths)
          for (const method of Object.keys(layer.route.methods))
            found.push(`${method.toUpperCase()} ${prefix}${path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath === '/' ? '' : (layer.rawPath ?? '')));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found
    .filter((r) => r.split(' ')[1]!.startsWith('/api/'))
    .map((r) => r.replace(' /api/', ' /').replace(/:(\w+)/g, '{$1}'))
    .sort();
}

function documentedRoutes(): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

let admin: Client;
let dispatcher: Client;
beforeAll(async () => {
  [admin, dispatcher] = await stack.loginEach('admin', 'dispatcher');
});

describe('the OpenAPI document', () => {
  it('describes every route the server mounts under /api, and no other', () => {
    const app = stack.server.http.listeners('request')[0] as Express;
    const mounted = mountedRoutes(app);
    expect(mounted.length).toBeGreaterThan(100);
    expect(documentedRoutes()).toEqual(mounted);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors.slice(0, 5)).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('names the roles, the errors and the bodies of a route', () => {
    const assign = document.paths?.['/incidents/{id}/assignments']?.post;
    expect(assign?.['x-roles']).toEqual(['dispatcher']);
    expect(Object.keys(assign?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413']),
    );
    expect(JSON.stringify(assign?.requestBody)).toContain('#/components/schemas/AssignUnitsRequest');
    const login = document.paths?.['/auth/login']?.post;
    expect(login?.security).toEqual([]);
    expect(Object.keys(login?.responses ?? {})).toContain('429');
  });

  it('describes the analytics signature and the websocket messages with their streams', () => {
    const schemes = document.components?.securitySchemes as Record<string, { description?: string }>;
    expect(schemes.analyticsSignature?.description).toContain('HMAC-SHA256');
    expect(document.paths?.['/analytics/events']?.post?.security).toEqual([{ analyticsSignature: [] }]);
    for (const name of ['ClientMessage', 'ServerMessage', 'EventEnvelope', 'RealtimeEvent', 'DeviceMessage'])
      expect(document.components?.schemas).toHaveProperty(name);
    const ws = (document as unknown as Record<string, Record<string, { streams?: object }>>)['x-websocket'];
    expect(ws?.['/ws']?.streams).toMatchObject({
      units: { events: ['unit.updated', 'unit.position'], roles: ['dispatcher', 'supervisor', 'admin'] },
    });
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document to an admin', async () => {
    const res = await admin.fetch('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('refuses other roles with 403 and anonymous callers with 401', async () => {
    expect((await dispatcher.fetch('/api/openapi.json')).status).toBe(403);
    expect((await fetch(`${stack.server.url}/api/openapi.json`)).status).toBe(401);
  });
});

/** The fenced block that follows `<!-- example: name -->` in the README. */
async function readmeExample(name: string): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const match = readme.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`README has no example ${name}`);
  return match[1]!;
}

describe("the README's example clients", () => {
  let env: NodeJS.ProcessEnv;
  let unit: Unit;
  beforeAll(async () => {
    const units = ((await dispatcher.fetch('/api/units').then((r) => r.json())) as { units: Unit[] }).units;
    const cameras = ((await dispatcher.fetch('/api/cameras').then((r) => r.json())) as { cameras: Camera[] })
      .cameras;
    unit = units[0]!;
    env = {
      PATH: process.env.PATH,
      E112: stack.server.url,
      SOURCE: DEMO_ANALYTICS_SOURCE.name,
      SECRET: DEMO_ANALYTICS_SOURCE.secret,
      CAMERA: cameras[0]!.code,
      UNIT_ID: unit.id,
      UNIT_TOKEN: unitToken(unit.callsign),
    };
  });

  const unitPosition = async () =>
    ((await dispatcher.fetch(`/api/units/${unit.id}`).then((r) => r.json())) as { unit: Unit }).unit.position;

  it('posts a signed analytics event and an AVL position with curl', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', await readmeExample('curl')], { env });
    expect(stdout).toContain('"alert"');
    expect((await unitPosition())?.point).toEqual({ lat: 10.7769, lon: 106.7009 });
  });

  it('posts a signed analytics event and an AVL position with Node', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e112-example-'));
    await writeFile(join(dir, 'client.mjs'), await readmeExample('node'));
    const { stdout } = await run(process.execPath, [join(dir, 'client.mjs')], { env });
    expect(stdout.split('\n').filter(Boolean)).toEqual(['analytics 202', 'avl 202']);
    expect((await unitPosition())?.point).toEqual({ lat: 10.7771, lon: 106.7012 });
  });
});
