import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldProblem } from '@qf/kernel';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** class-validator on every input: unknown fields rejected, enums and lengths checked, 400 with a `details` entry per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', 'the request is not valid', flatten(errors)),
  });
}

/**
 * The same validation outside HTTP (integration messages): the object as an instance of `dto`, or VALIDATION_FAILED
 * with a `details` entry per field, exactly as the HTTP pipe answers.
 */
export async function validateInput<T extends object>(dto: new () => T, plain: unknown, prefix = ''): Promise<T> {
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new DomainError('VALIDATION_FAILED', `${prefix || 'the message'} must be an object`, [{ field: prefix || 'value', message: 'must be an object' }]);
  }
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'the message is not valid', flatten(errors, prefix));
  return instance;
}
