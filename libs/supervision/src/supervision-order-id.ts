import { DomainError } from '@qf/kernel';

/** 督办单编号: DB + date + sequence (SPEC §4). */
export const SUPERVISION_ORDER_ID_PATTERN = /^DB\d{8}-\d{4,}$/;

/** A path's order id that cannot exist is simply not found. */
export function supervisionOrderIdOf(value: string): string {
  if (!SUPERVISION_ORDER_ID_PATTERN.test(value)) throw new DomainError('NOT_FOUND', 'supervision order not found');
  return value;
}
