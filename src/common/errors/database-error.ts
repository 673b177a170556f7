import { DatabaseError } from 'pg';

/**
 * What may be said about a failed query, in logs: its SQLSTATE and the names of the constraint and
 * table. Never the parameters, the driver's message or its detail: PostgreSQL quotes the offending
 * values there (`Key (email)=(…) already exists`, `invalid input syntax for type uuid: "…"`).
 */
export interface DatabaseErrorFacts {
  code?: string;
  constraint?: string;
  table?: string;
}

/** Names and codes only; anything else PostgreSQL puts in these fields is not logged. */
const NAME = /^[\w$]{1,63}$/;
const nameOrUndefined = (value: unknown) =>
  typeof value === 'string' && NAME.test(value) ? value : undefined;

/** The driver error of a pg error or of a TypeORM QueryFailedError (`driverError`). */
function driverErrorOf(error: unknown): object | undefined {
  if (error instanceof DatabaseError) return error;
  const driverError = (error as { driverError?: unknown } | null | undefined)?.driverError;
  return driverError && typeof driverError === 'object' ? driverError : undefined;
}

/** The loggable facts of what the driver threw (a pg DatabaseError, a socket error…). */
export function driverErrorFacts(driverError: unknown): DatabaseErrorFacts {
  const { code, constraint, table } = (driverError ?? {}) as Record<string, unknown>;
  return {
    code: nameOrUndefined(code),
    constraint: nameOrUndefined(constraint),
    table: nameOrUndefined(table),
  };
}

/** The loggable facts of a database error, or undefined when `error` is not one. */
export function databaseErrorFacts(error: unknown): DatabaseErrorFacts | undefined {
  const driverError = driverErrorOf(error);
  return driverError ? driverErrorFacts(driverError) : undefined;
}

/** `SQLSTATE 23505, constraint UQ_users_email, table users`. */
export function describeDatabaseError(facts: DatabaseErrorFacts): string {
  return [
    `SQLSTATE ${facts.code ?? 'unknown'}`,
    facts.constraint && `constraint ${facts.constraint}`,
    facts.table && `table ${facts.table}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * An error's stack for the logs. A database error's first line (its message) is replaced by its
 * facts: the frames say where it happened, the facts what, and no value goes with them.
 */
export function loggableStack(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const facts = databaseErrorFacts(error);
  if (!facts) return error.stack ?? `${error.name}: ${error.message}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${describeDatabaseError(facts)}`, ...frames].join('\n');
}
