import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { problemResponse } from './openapi-document.js';

/** What every rate-limited route can answer besides its own problems. */
const PLATFORM_PROBLEMS = [429, 503];

const problem = (status: number) => ApiResponse({ status, ...problemResponse(status) });

/** Documents the problem answers a route can give. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...[...new Set(statuses)].sort((a, b) => a - b).map(problem));

/**
 * An anonymous route: its own problems plus the rate limit and the database. It is published with
 * `security: []`, which `setUpOpenApi` writes on every operation that declares no scheme.
 */
export const ApiPublic = (summary: string, ...statuses: number[]) =>
  applyDecorators(ApiOperation({ summary }), ApiProblems(...statuses, ...PLATFORM_PROBLEMS));

/** A route that needs a bearer token: the scheme, 401/403, the rate limit and the database. */
export const ApiAuth = (summary: string, ...statuses: number[]) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiBearerAuth(),
    ApiProblems(401, 403, ...statuses, ...PLATFORM_PROBLEMS),
  );
