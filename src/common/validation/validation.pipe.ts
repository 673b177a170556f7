import {
  ArgumentMetadata,
  ValidationError as ClassValidatorError,
  ValidationPipe,
} from '@nestjs/common';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { FieldError, ValidationError } from '../errors/app-error.js';

/** Flattens nested class-validator errors into `a.b[0].c`-style field paths. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const MAX_DEPTH = 8;

/**
 * Text that is not Unicode is refused up front, naming the field: NUL, which PostgreSQL cannot
 * store, and lone UTF-16 surrogates (`"\ud800"` is valid JSON), which cannot be encoded as UTF-8
 * and make validator.js's `encodeURI`-based checks (isEmail) throw. So are structures deeper than
 * any DTO, so no hostile payload reaches a validator, a recursive transformer or the database.
 */
export function hostileInputProblems(value: unknown, path = '', depth = 0): FieldError[] {
  if (typeof value === 'string') {
    const field = path || 'body';
    if (value.includes('\u0000')) {
      return [{ field, message: `${field} must not contain NUL characters` }];
    }
    if (!value.isWellFormed()) {
      return [{ field, message: `${field} must be well-formed Unicode text (no lone surrogates)` }];
    }
    return [];
  }
  // Bytes (a photo) are not text: the feature that takes them reads them by their content.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return [];
  if (depth >= MAX_DEPTH) {
    return [{ field: path || 'body', message: `${path || 'body'} is nested too deeply` }];
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${path}[${index}]`, item] as const)
    : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item] as const);
  for (const [childPath, child] of entries) {
    const problems = hostileInputProblems(child, childPath, depth + 1);
    if (problems.length > 0) return problems;
  }
  return [];
}

/** Rejects unknown fields, converts types, and answers problem details listing each field. */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = hostileInputProblems(value);
      if (problems.length > 0) throw new ValidationError(problems);
    }
    return super.transform(value, metadata);
  }

  /**
   * No validator of ours is asynchronous, and class-validator's `validate` makes a promise per
   * constraint checked: on every request, for nothing.
   */
  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): ClassValidatorError[] {
    return validateSync(object, validatorOptions);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationError(flattenValidationErrors(errors)),
  });
}
