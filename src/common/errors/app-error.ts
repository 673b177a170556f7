import { ErrorCode, statusOf } from './error-code.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refusal the client can act on. Features throw these (or their named subclasses); the global
 * filter turns them into RFC 9457 problem details with `code`.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = statusOf(code);
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(ErrorCode.ValidationFailed, detail, errors);
  }
}

export class NotFoundError extends AppError {
  constructor(code: ErrorCode, what: string) {
    super(code, `${what} was not found.`);
  }
}
