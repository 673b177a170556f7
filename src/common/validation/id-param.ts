import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '../errors/app-error.js';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new ValidationError([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
