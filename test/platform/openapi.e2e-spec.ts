import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Operation {
  security?: object[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('OpenAPI', () => {
  it('serves the UI at /docs and the document at /docs-json', async () => {
    const ui = await request(t.server).get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await request(t.server).get('/docs-json').expect(200);
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
    const { body } = await request(t.server).get('/docs-json').expect(200);
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
        if (operation.security) {
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
  const { body } = await request(t.server).get('/docs-json').expect(200);
  const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map(
    (m) => m[1],
  );
  expect(refs.length).toBeGreaterThan(0);
  expect(refs.filter((name) => !(name in body.components.schemas))).toEqual([]);
});
