import { readFileSync } from 'node:fs';
import request from 'supertest';
import { renderApiTypes, SCHEMA_FILE } from '../../scripts/api-types.mjs';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('The web app’s generated API types', () => {
  it('are what openapi-typescript makes of the served document (npm run api:types)', async () => {
    const { body } = await request(t.server).get('/docs-json').expect(200);
    const generated = (await renderApiTypes(body)).split('\n');
    const committed = readFileSync(SCHEMA_FILE, 'utf8').split('\n');
    const lines = Math.max(generated.length, committed.length);
    const line = Array.from({ length: lines }, (_, i) => i).findIndex(
      (i) => generated[i] !== committed[i],
    );
    const stale =
      line < 0
        ? null
        : `${SCHEMA_FILE} is stale: run \`npm run api:types\` and commit it. First difference, line ` +
          `${line + 1}:\n  committed: ${committed[line] ?? '(end of file)'}\n  generated: ${generated[line] ?? '(end of file)'}`;
    expect(stale).toBeNull();
  });
});
