import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationOptions, isISO8601, registerDecorator, validate } from 'class-validator';
import { DomainError, FieldProblem } from '@qf/kernel';

/**
 * A field name as it may be echoed: the caller's own unknown keys only when they look like identifiers (SPEC §8), and
 * an array element by its index (`subjects.1.rank`).
 */
const ECHOABLE = /^(?:[A-Za-z_$][A-Za-z0-9_$-]{0,63}|\d{1,6})$/;
export const echoableField = (property: string) => (ECHOABLE.test(property) ? property : '(unknown field)');

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const property = echoableField(e.property);
    const field = prefix ? `${prefix}.${property}` : property;
    // An unknown key's message would repeat the key: say it without it.
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, message: constraint === 'whitelistValidation' ? 'unknown field: not allowed' : message }));
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
export async function validateInput<T extends object>(dto: new () => T, plain: unknown, prefix = '', failure = 'the message is not valid'): Promise<T> {
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new DomainError('VALIDATION_FAILED', `${prefix || 'the message'} must be an object`, [{ field: prefix || 'value', message: 'must be an object' }]);
  }
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', failure, flatten(errors, prefix));
  return instance;
}

/** Business times before this are typing errors, not history (HISTORY_START, default 2000-01-01 Beijing time). */
export function historyStart(): Date {
  const configured = process.env.HISTORY_START;
  const start = new Date(configured && !Number.isNaN(Date.parse(configured)) ? configured : '2000-01-01T00:00:00+08:00');
  return start;
}

/**
 * A business time given by the caller (`dispatchedAt`, `receivedAt`): strict ISO 8601 with an offset, and not before
 * HISTORY_START — an order "dispatched" in 1970 would otherwise make the ranking job publish decades of months.
 */
export function IsBusinessTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBusinessTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && /([+-]\d\d:?\d\d|Z)$/.test(value) && Date.parse(value) >= historyStart().getTime(),
        defaultMessage: (args) => `${args?.property ?? "the time"} must be an ISO 8601 time with an offset, not before ${historyStart().toISOString()}`,
      },
    });
}
