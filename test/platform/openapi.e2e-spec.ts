import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROUTE_POLICY } from '../security/route-policy.js';
import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';

const REDOCLY = join(process.cwd(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
/** The warnings the README's API section explains; any other warning fails the test too. */
const ACCEPTED_WARNINGS = [
  'info-license-strict #/info/license/url',
  'operation-4xx-response #/paths/~1health/get/responses',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Operation {
  summary?: string;
  security?: object[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('OpenAPI', () => {
  it('serves the UI at /docs and the document at /docs-json', async () => {
    const ui = await request(t.server).get('/docs').offContract('the Swagger UI page').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await request(t.server)
      .get('/docs-json')
      .offContract('the document itself')
      .expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.body.components.schemas.Problem.required).toEqual([
      'type',
      'title',
      'status',
      'detail',
      'code',
    ]);
  });

  it('documents every route of the contract, with bearer auth and problem answers where they apply', async () => {
    const { body } = await request(t.server)
      .get('/docs-json')
      .offContract('the document itself')
      .expect(200);
    const paths = body.paths as Record<string, Record<string, Operation>>;
    const expected = [
      'post /api/v1/auth/register',
      'post /api/v1/auth/login',
      'get /api/v1/me',
      'get /api/v1/techniques',
      'get /api/v1/offerings',
      'post /api/v1/offerings',
      'patch /api/v1/offerings/{id}',
      'delete /api/v1/offerings/{id}',
      'put /api/v1/therapists/me',
      'post /api/v1/therapists/me/certifications',
      'post /api/v1/admin/certifications/{id}/verify',
      'put /api/v1/therapists/me/availability',
      'post /api/v1/therapists/me/time-off',
      'delete /api/v1/therapists/me/time-off/{id}',
      'get /api/v1/therapists/me/bookings',
      'get /api/v1/therapists/me/calendar',
      'post /api/v1/therapists/me/calendar/rotate',
      'get /api/v1/therapists',
      'get /api/v1/therapists/{id}',
      'get /api/v1/therapists/{id}/slots',
      'post /api/v1/intakes',
      'get /api/v1/intakes/{id}',
      'get /api/v1/intakes/{id}/matches',
      'get /api/v1/admin/intake-flags',
      'post /api/v1/admin/intake-flags/{id}/resolve',
      'post /api/v1/bookings',
      'get /api/v1/bookings',
      'get /api/v1/bookings/{id}',
      'post /api/v1/bookings/{id}/cancel',
      'post /api/v1/bookings/{id}/complete',
      'post /api/v1/bookings/{id}/no-show',
      'get /health',
    ];
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(documented).toEqual(expect.arrayContaining(expected));
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.security?.length) {
          expect({ route: `${method} ${path}`, has401: '401' in operation.responses }).toEqual({
            route: `${method} ${path}`,
            has401: true,
          });
          expect(operation.responses['401'].content).toHaveProperty(['application/problem+json']);
        }
      }
    }
  });
});

it('has no dangling schema references', async () => {
  const { body } = await request(t.server)
    .get('/docs-json')
    .offContract('the document itself')
    .expect(200);
  const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map(
    (m) => m[1],
  );
  expect(refs.length).toBeGreaterThan(0);
  expect(refs.filter((name) => !(name in body.components.schemas))).toEqual([]);
});

it('passes redocly lint with the recommended rules: no error, only the explained warnings', async () => {
  const { body } = await request(t.server)
    .get('/docs-json')
    .offContract('the document itself')
    .expect(200);
  const dir = mkdtempSync(join(tmpdir(), 'unknot-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(body));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [REDOCLY, 'lint', file, '--format=json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 10_000_000,
      },
    ).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: {
        ruleId: string;
        severity: string;
        message: string;
        location: { pointer: string }[];
      }[];
    };
    const found = (severity: string) =>
      report.problems
        .filter((problem) => problem.severity === severity)
        .map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`);
    expect(found('error')).toEqual([]);
    expect(found('warn').sort()).toEqual(ACCEPTED_WARNINGS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('gives every operation a summary, and the security its route policy declares', async () => {
  const { body } = await request(t.server)
    .get('/docs-json')
    .offContract('the document itself')
    .expect(200);
  const paths = body.paths as Record<string, Record<string, Operation>>;
  const published = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      summary: typeof operation.summary === 'string' && operation.summary.length > 0,
      security: operation.security,
    })),
  );
  expect(published.map(({ route }) => route).sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
  expect(published).toEqual(
    published.map(({ route }) => ({
      route,
      summary: true,
      security: ROUTE_POLICY[route].public ? [] : [{ bearer: [] }],
    })),
  );
});
