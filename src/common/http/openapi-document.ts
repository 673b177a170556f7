import type { OpenAPIObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input (problem details with `errors` per field)',
  401: 'Missing or invalid bearer token',
  403: 'Authenticated, but the role may not use this route',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'The body is not JSON',
  422: 'Refused by a business rule',
  429: 'Rate limited',
  503: 'The database is unavailable; retry later',
};

/** A problem-details answer with `status`. */
export const problemResponse = (status: number): ResponseObject => ({
  description: DESCRIPTIONS[status] ?? 'Problem details',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** RFC 9457 problem details as the ProblemDetailsFilter writes them. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.values(ErrorCode), example: 'SLOT_TAKEN' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string', description: 'Sent with server errors; quote it when reporting' },
  },
};

/**
 * OpenAPI 3.0.3 lets `nullable` widen only a `type` beside it, never a `$ref`, and an `enum` still
 * holds: `@ApiProperty({ type: Dto, nullable: true })` writes `{nullable, allOf: [$ref]}` and
 * `@ApiProperty({ enum, nullable: true })` an enum without null, both of which refuse null. A
 * reference becomes a choice between the object and null alone; an enum gets null among its values.
 */
function allowNull(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(allowNull);
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as SchemaObject;
  if (node.nullable && node.allOf?.length === 1 && '$ref' in node.allOf[0]) {
    node.oneOf = [node.allOf[0], { type: 'object', nullable: true, enum: [null] }];
    delete node.allOf;
    delete node.nullable;
    delete node.type;
  }
  if (node.nullable && node.enum && !node.enum.includes(null)) node.enum = [...node.enum, null];
  Object.values(node).forEach(allowNull);
}

/**
 * Writes once what holds for every operation, rather than on each route: an operation with
 * no bearer scheme is public (`security: []`; the authorization matrix test checks each against
 * the route policy), and every JSON body can be malformed, too large or not JSON.
 */
export function completeDocument(document: OpenAPIObject): void {
  allowNull(document.components?.schemas);
  for (const methods of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = methods[method];
      if (!operation) continue;
      operation.security ??= [];
      if (!operation.requestBody) continue;
      for (const status of [400, 413, 415]) operation.responses[status] ??= problemResponse(status);
    }
  }
}
