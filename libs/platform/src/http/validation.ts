import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, InvalidInputException } from './problem-details';

/** Rejects unknown fields and reports every invalid one at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
