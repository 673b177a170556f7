import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input (problem details with `errors` per field)',
  401: 'Missing or invalid bearer token',
  403: 'Authenticated, but the role may not use this route',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  422: 'Refused by a business rule',
  429: 'Rate limited',
};

const problem = (status: number) =>
  ApiResponse({
    status,
    description: DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** Documents the problem answers a route can give. */
export const ApiProblems = (...statuses: number[]) => applyDecorators(...statuses.map(problem));

/** A route that needs a bearer token: documents the scheme and the 401/403 answers. */
export const ApiAuth = (...statuses: number[]) =>
  applyDecorators(ApiBearerAuth(), ApiProblems(401, 403, ...statuses));
