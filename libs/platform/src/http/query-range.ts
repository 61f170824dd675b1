import { DomainError, rangeBound } from '@qf/kernel';

/**
 * The `from`/`to` of a query as instants: a bare date is a whole Asia/Shanghai day (its first instant as `from`, its
 * last as `to`), a month a whole month, and so on (`rangeBound`). Text no calendar can read is a 400, as is a `from`
 * after its `to`.
 */
export function queryRange(query: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const read = (field: 'from' | 'to'): Date | undefined => {
    const text = query[field];
    if (text === undefined) return undefined;
    const at = rangeBound(text, field);
    if (!at) throw new DomainError('VALIDATION_FAILED', `${field} is not a date`, [{ field, message: 'must be an ISO 8601 date or date-time' }]);
    return at;
  };
  const range = { from: read('from'), to: read('to') };
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) {
    throw new DomainError('VALIDATION_FAILED', 'from is after to', [{ field: 'from', message: 'must not be after to' }]);
  }
  return range;
}
