import fc from 'fast-check';
import { request, type Response } from '../support/api-request.js';
import type { Role } from '../../src/common/auth/auth-user.js';
import { Account, bearer } from '../support/factories.js';
import { hostileBody, hostileValue, Schema } from './hostile-values.js';
import { ROUTE_POLICY } from './route-policy.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** One route of the live OpenAPI document, with a token its policy admits (if it needs one). */
export interface DocumentedRoute {
  route: string;
  template: string;
  method: Method;
  operation: Operation;
  bodySchema?: Schema;
  caller?: Account;
}

/** What one hostile request sent, so a failure can be replayed by hand. */
export interface HostileRequest {
  path: string;
  params: Record<string, string>;
  body: unknown;
}

const asText = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
/** URLs carry UTF-8: lone surrogates become U+FFFD, as any HTTP client would send them. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Every route the app documents, and the schemas its bodies refer to. */
export async function documentedRoutes(server: string, callers: Record<Role, Account>) {
  const doc = (
    await request(server).get('/docs-json').offContract('the document itself').expect(200)
  ).body;
  const components: Record<string, Schema> = doc.components.schemas;
  const routes: DocumentedRoute[] = Object.entries(
    doc.paths as Record<string, Record<Method, Operation>>,
  ).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const route = `${method.toUpperCase()} ${template}`;
      const role = ROUTE_POLICY[route]?.roles?.[0];
      return {
        route,
        template,
        method: method as Method,
        operation,
        bodySchema: operation.requestBody?.content['application/json']?.schema,
        caller: role ? callers[role] : undefined,
      };
    }),
  );
  return { routes, components };
}

/**
 * Sends `runs` hostile requests to each route — a body with one hostile change, hostile query
 * values and path ids — and hands every answer to `inspect`. Returns how many were sent.
 */
export async function sendHostileRequests(
  server: string,
  routes: DocumentedRoute[],
  components: Record<string, Schema>,
  runs: number,
  inspect: (route: string, sent: HostileRequest, response: Response) => void,
): Promise<number> {
  let sentCount = 0;
  for (const { route, template, method, operation, bodySchema, caller } of routes) {
    const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
    const input = fc.record({
      body: bodySchema ? hostileBody(bodySchema, components) : fc.constant(undefined),
      query: fc.dictionary(
        query.length ? fc.constantFrom(...query.map((p) => p.name)) : fc.constant('unexpected'),
        hostileValue.map((v) => wellFormed(asText(v).slice(0, 4000))),
        { maxKeys: 3 },
      ),
      id: fc.oneof(
        fc.uuid(),
        hostileValue.map((v) => encodeURIComponent(wellFormed(asText(v).slice(0, 2000)))),
      ),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ body, query: params, id }) => {
        sentCount++;
        const path = template.replace(/\{\w+\}/g, id);
        let call = request(server)[method](path).query(params);
        // Answers are checked against the document, but for two refusals that no route makes.
        if (new URL(path, 'http://server').pathname !== path || id === '') {
          call = call.offContract('a hostile id that makes the path another one');
        }
        call = call.offContract('the router refuses over-long parameters before routing', [414]);
        // A GET path the router cannot match falls through to the web app's file server (README,
        // Roadmap); a public route has no 403 of its own.
        if (method === 'get' && !caller) {
          call = call.offContract('answered by the file server, not the route', [403]);
        }
        if (caller) call = call.set('Authorization', bearer(caller));
        const response =
          body === undefined
            ? await call
            : await call
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(body) ?? 'null');
        inspect(route, { path, params, body }, response);
      }),
      { numRuns: runs },
    );
  }
  return sentCount;
}
