import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Response } from 'supertest';

/**
 * The served OpenAPI document as a response checker: every answer the e2e suite receives must be
 * an answer its operation documents — the status, the media type and, for JSON, the body, with
 * no property the schema does not name ("a field that is not documented does not exist").
 */

interface Schema {
  [keyword: string]: unknown;
}
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Route {
  template: string;
  pattern: RegExp;
  methods: Record<string, Operation>;
}

const SCHEMA_BASE = 'https://unknot.invalid/components/schemas/';
/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['example', 'enum', 'default', 'required']);
// ajv-formats is CommonJS with a default export; Jest's ESM interop hands over the module object.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/**
 * The document's schema, made strict for responses: `$ref`s point at the registered components,
 * and an object schema that lists its properties admits no other (unless it says otherwise, as a
 * free-form `additionalProperties: true` map does). Combinators are left open: their branches
 * carry the restriction.
 */
function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (typeof node !== 'object' || node === null) return node;
  const schema: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === '$ref' && typeof value === 'string') {
      schema.$ref = value.replace('#/components/schemas/', SCHEMA_BASE);
    } else if (keyword === 'properties') {
      schema.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, property]) => [name, strictSchema(property)]),
      );
    } else if (DATA_KEYWORDS.has(keyword)) {
      schema[keyword] = value;
    } else {
      schema[keyword] = strictSchema(value);
    }
  }
  const isObject = schema.type === 'object' || 'properties' in schema;
  const combines = 'allOf' in schema || 'anyOf' in schema || 'oneOf' in schema;
  if (isObject && !combines && schema.additionalProperties === undefined) {
    schema.additionalProperties = false;
  }
  return schema;
}

const essence = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();
const isJson = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType);
const hasBody = (response: Response) =>
  response.status !== 204 &&
  response.status !== 304 &&
  ((response.text ?? '') !== '' || (Buffer.isBuffer(response.body) && response.body.length > 0));

export class OpenApiContract {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Document) {
    addFormats(this.ajv);
    // OpenAPI's own annotations beside JSON Schema's (`nullable` Ajv knows already).
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      this.ajv.addSchema(strictSchema(schema) as Schema, `${SCHEMA_BASE}${name}`);
    }
    this.routes = Object.entries(document.paths)
      .map(([template, methods]) => ({
        template,
        methods,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }))
      // A literal segment wins over a parameter: /therapists/me is not /therapists/{id}.
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  /** Why this answer is not one the document allows, or null when it is. */
  violation(method: string, url: string, response: Response): string | null {
    const path = new URL(url, 'http://server').pathname;
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route?.methods[method.toLowerCase()];
    if (!route || !operation) return `${method.toUpperCase()} ${path} is not in the document`;
    const name = `${method.toUpperCase()} ${route.template}`;
    const status = String(response.status);
    const documented =
      operation.responses[status] ??
      operation.responses[`${status[0]}XX`] ??
      operation.responses.default;
    if (!documented) {
      return `${name} answered ${status}, which it does not document (it documents ${Object.keys(operation.responses).join(', ')})`;
    }
    if (!hasBody(response)) {
      return documented.content ? `${name} answered ${status} without the body it documents` : null;
    }
    const mediaType = essence(response.headers['content-type']);
    const content = documented.content?.[mediaType];
    if (!content) {
      return `${name} answered ${status} as ${mediaType || 'no content type'}, but documents ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`;
    }
    if (!isJson(mediaType) || !content.schema) return null;
    const validate = this.validator(`${name} ${status} ${mediaType}`, content.schema);
    if (validate(response.body)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map(
        (error) =>
          `  ${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}`,
      )
      .join('\n');
    return `${name} answered ${status} with a body its schema refuses:\n${errors}\nbody: ${response.text.slice(0, 1500)}`;
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(strictSchema(schema) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

const contracts = new Map<string, Promise<OpenApiContract>>();

/** The document `server` serves at /docs-json, fetched once per running app. */
export function contractOf(server: string): Promise<OpenApiContract> {
  let contract = contracts.get(server);
  if (!contract) {
    contract = fetch(`${server}/docs-json`).then(async (answer) => {
      if (!answer.ok) throw new Error(`${server}/docs-json answered ${answer.status}`);
      return new OpenApiContract((await answer.json()) as Document);
    });
    contracts.set(server, contract);
    // A failed fetch (app not up yet) is retried on the next request rather than remembered.
    contract.catch(() => contracts.delete(server));
  }
  return contract;
}
