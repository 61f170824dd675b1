import { DomainError } from '@qf/kernel';

/** 工单编号: the hotline centre's order number, 1–40 letters, digits or `-` (SPEC §3.1). */
export const ORDER_NO_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

/** A path's order number that cannot exist is simply not found. */
export function orderNoOf(value: string): string {
  if (!ORDER_NO_PATTERN.test(value)) throw new DomainError('NOT_FOUND', 'work order not found');
  return value;
}
